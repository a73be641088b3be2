package io.cairn.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The high-cardinality workload of issue 10 as line protocol: measurement {@code requests} with tags
 * {@code customer_id} (up to 1,000,000 values), {@code endpoint} (50), {@code region} (10) and
 * {@code status_code} (8) and a FLOAT field {@code latency}; one point per active series every 10 s, every
 * series of a step before the next. Series number {@code s} is customer {@code s mod 1,000,000} on endpoint
 * {@code (customer + s / 1,000,000) mod 50}, so up to 50M series stay distinct. Churn replaces a share of the
 * series per hour: the active ones are the window {@code [offset(step), offset(step) + series)}.
 */
final class CardinalityWorkload {
    static final long STEP_NS = 10_000_000_000L;
    static final int CUSTOMERS = 1_000_000;
    private static final int STEPS_PER_HOUR = 360;

    final int series;
    final int steps;
    private final double churnPerHour;
    private final long startNs;
    private int step;
    private int position;

    CardinalityWorkload(int series, int steps, double churnPerHour, long startNs) {
        this.series = series;
        this.steps = steps;
        this.churnPerHour = churnPerHour;
        this.startNs = startNs;
    }

    /** Returns the first active series number of a step. */
    long offset(int step) {
        return (long) (step * (double) series * churnPerHour / STEPS_PER_HOUR);
    }

    /** Returns the rows of the whole run. */
    long rows() {
        return (long) series * steps;
    }

    /** Returns the number of distinct series the run writes. */
    long distinctSeries() {
        return series + offset(steps - 1);
    }

    /** Returns the customer of a series number. */
    static String customer(long s) {
        return "cust_" + (s % CUSTOMERS);
    }

    /** Returns a customer that is active in the last step, chosen by {@code pick}. */
    String activeCustomer(long pick) {
        return customer(offset(steps - 1) + Math.floorMod(pick, series));
    }

    /** Returns the next {@code lines} lines. */
    byte[] nextBatch(int lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(lines * 110);
        StringBuilder sb = new StringBuilder(128);
        for (int i = 0; i < lines; i++) {
            long s = offset(step) + position;
            long customer = s % CUSTOMERS;
            sb.setLength(0);
            sb.append("requests,customer_id=cust_").append(customer)
                    .append(",endpoint=/api/e").append((customer + s / CUSTOMERS) % 50)
                    .append(",region=r").append(customer % 10)
                    .append(",status_code=").append(200 + (s / 3) % 8)
                    .append(" latency=").append(latency(s, step))
                    .append(' ').append(startNs + step * STEP_NS).append('\n');
            out.writeBytes(sb.toString().getBytes(StandardCharsets.US_ASCII));
            if (++position == series) {
                position = 0;
                step++;
            }
        }
        return out.toByteArray();
    }

    /** A deterministic latency in milliseconds, 1 to 500 with a long tail. */
    private static double latency(long s, int step) {
        long h = (s * 0x9E3779B97F4A7C15L) ^ (step * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        double u = (h >>> 11) * 0x1.0p-53;
        return Math.round((1 + 499 * u * u * u) * 10) / 10.0;
    }
}
