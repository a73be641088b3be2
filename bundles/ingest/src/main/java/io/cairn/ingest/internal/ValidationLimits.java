package io.cairn.ingest.internal;

/**
 * The limits a JSON write is validated against.
 *
 * @param maxNameLength longest metric name, in characters
 * @param pastMillis how far before now a timestamp may lie
 * @param futureMillis how far after now a timestamp may lie
 * @param maxDimensions most dimensions per metric
 * @param maxDimensionKeyLength longest dimension key, in characters
 * @param maxDimensionValueLength longest dimension value, in characters (code points)
 * @param maxSeriesPerMetric most distinct series (dimension sets) per metric
 */
record ValidationLimits(int maxNameLength, long pastMillis, long futureMillis, int maxDimensions,
        int maxDimensionKeyLength, int maxDimensionValueLength, long maxSeriesPerMetric) {
    /** The documented defaults: 256, 7 days, 1 hour, 20, 128, 256, 1,000,000. */
    static ValidationLimits defaults() {
        return new ValidationLimits(256, 7L * 24 * 3600 * 1000, 3600 * 1000, 20, 128, 256, 1_000_000);
    }
}
