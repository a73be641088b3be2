package io.cairn.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The high-cardinality workload of issue 10 as line protocol: measurement {@code requests} with tags
 * {@code customer_id} (up to 1,000,000 values), {@code endpoint} (50), {@code region} (10) and
 * {@code status_code} (8) and a FLOAT field {@code latency}; one point per active series every 10 s, every
 * series of a step before the next. Series number {@code s} is customer {@code s mod 1,000,000} on endpoint
 * {@code (customer + s / 1,000,000) mod 50}, so up to 50M series stay distinct. Churn replaces a share of the
 * series per hour: the active ones are the window {@code [offset(step), offset(step) + series)}. On top, the first
 * {@code busy} customers are busier: customer {@code i < busy} writes {@code 2·(busy - i)} more series (endpoints
 * {@code /api/busy<j>}) in every step, so the top customers by count are distinct and strictly ordered, not one
 * tie among thousands.
 */
final class CardinalityWorkload {
    static final long STEP_NS = 10_000_000_000L;
    static final int CUSTOMERS = 1_000_000;
    private static final int STEPS_PER_HOUR = 360;

    final int series;
    final int steps;
    final int busy;
    private final double churnPerHour;
    private final long startNs;
    private final int extraSeries;
    private int step;
    private int position;

    CardinalityWorkload(int series, int steps, double churnPerHour, long startNs) {
        this(series, steps, churnPerHour, startNs, 0);
    }

    CardinalityWorkload(int series, int steps, double churnPerHour, long startNs, int busy) {
        this.series = series;
        this.steps = steps;
        this.churnPerHour = churnPerHour;
        this.startNs = startNs;
        this.busy = busy;
        this.extraSeries = busy * (busy + 1);
    }

    /** Returns the time of the first step in epoch nanoseconds. */
    long startNs() {
        return startNs;
    }

    /** Returns the first active series number of a step. */
    long offset(int step) {
        return (long) (step * (double) series * churnPerHour / STEPS_PER_HOUR);
    }

    /** Returns the rows of the whole run. */
    long rows() {
        return (long) (series + extraSeries) * steps;
    }

    /** Returns the number of distinct series the run writes. */
    long distinctSeries() {
        return numberedSeries() + extraSeries;
    }

    /** Returns the number of series numbers the run writes (the distinct series without the busy customers' extras). */
    long numberedSeries() {
        return series + offset(steps - 1);
    }

    /** Returns the number of extra series a customer number writes in every step (0 unless it is busy). */
    int busySeriesOf(long customer) {
        return customer < busy ? 2 * (busy - (int) customer) : 0;
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
            sb.setLength(0);
            if (position < series) {
                long s = offset(step) + position;
                long customer = s % CUSTOMERS;
                sb.append("requests,customer_id=cust_").append(customer)
                        .append(",endpoint=/api/e").append((customer + s / CUSTOMERS) % 50)
                        .append(",region=r").append(customer % 10)
                        .append(",status_code=").append(200 + (s / 3) % 8)
                        .append(" latency=").append(latency(s, step));
            } else {
                int extra = position - series;
                int customer = 0;
                while (extra >= busySeriesOf(customer)) {
                    extra -= busySeriesOf(customer++);
                }
                sb.append("requests,customer_id=cust_").append(customer)
                        .append(",endpoint=/api/busy").append(extra)
                        .append(",region=r").append(customer % 10)
                        .append(",status_code=200 latency=").append(busyLatency(customer, extra, step));
            }
            sb.append(' ').append(startNs + step * STEP_NS).append('\n');
            out.writeBytes(sb.toString().getBytes(StandardCharsets.US_ASCII));
            if (++position == series + extraSeries) {
                position = 0;
                step++;
            }
        }
        return out.toByteArray();
    }

    /** The latency of a busy customer's extra series {@code j} at a step. */
    static double busyLatency(long customer, int j, int step) {
        return latency(-1 - (customer * 1_000 + j), step);
    }

    /** A deterministic latency in milliseconds, 1 to 500 with a long tail. */
    static double latency(long s, int step) {
        long h = (s * 0x9E3779B97F4A7C15L) ^ (step * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        double u = (h >>> 11) * 0x1.0p-53;
        return Math.round((1 + 499 * u * u * u) * 10) / 10.0;
    }
}
