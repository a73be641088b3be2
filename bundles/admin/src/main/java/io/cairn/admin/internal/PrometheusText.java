package io.cairn.admin.internal;

import java.io.PrintWriter;
import java.util.regex.Pattern;

/** Lines of Prometheus' text exposition format. */
final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PrometheusText() {
    }

    /** Returns whether a text is a valid metric name. */
    static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Returns a metric name part made of a free text: every character outside {@code [a-zA-Z0-9_]} becomes {@code _}. */
    static String nameOf(String text) {
        return text.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    static void type(PrintWriter out, String name, String type) {
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    static void sample(PrintWriter out, String name, String labels, Number value) {
        double v = value.doubleValue();
        String text = Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "+Inf" : "-Inf")
                : value instanceof Double || value instanceof Float ? Double.toString(v) : Long.toString(value.longValue());
        out.append(name).append(labels).append(' ').append(text).append('\n');
    }
}
