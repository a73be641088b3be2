package io.cairn.store.lmdb.internal;

/** Count, sum, min and max of the values of one field in one time bucket of one group. */
final class Accumulator {
    long count;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    void add(double v) {
        count++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    /** Adds a whole chunk from its header. */
    void addSummary(ChunkHeader h) {
        count += h.count();
        if (h.type().isNumeric()) {
            sum += h.sum();
            min = Math.min(min, h.min());
            max = Math.max(max, h.max());
        }
    }

    /** Adds the aggregates of other values. */
    void addCell(long count, double sum, double min, double max) {
        this.count += count;
        this.sum += sum;
        this.min = Math.min(this.min, min);
        this.max = Math.max(this.max, max);
    }
}
