package io.cairn.store.clickhouse.internal;

/** Parses numbers as ClickHouse prints them in text formats, where floats may read {@code inf} or {@code nan}. */
final class Numbers {
    private Numbers() {
    }

    static double parseDouble(String text) {
        return switch (text) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan", "-nan", "+nan" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
