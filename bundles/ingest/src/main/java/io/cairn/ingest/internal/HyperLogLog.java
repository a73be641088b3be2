package io.cairn.ingest.internal;

/**
 * A HyperLogLog sketch of 2^14 one-byte registers (16 KB, standard error about 0.8%) over 64-bit hashes,
 * estimated with Ertl's improved raw estimator, which needs neither bias tables nor a switch to linear
 * counting. Not thread safe.
 */
final class HyperLogLog {
    static final int PRECISION = 14;
    private static final int REGISTERS = 1 << PRECISION;
    private static final int Q = 64 - PRECISION;

    private final byte[] registers = new byte[REGISTERS];

    /** Adds a 64-bit hash; returns whether a register grew (so the estimate may have changed). */
    boolean add(long hash) {
        int index = (int) (hash >>> Q);
        byte rank = (byte) (Long.numberOfLeadingZeros((hash << PRECISION) | (1L << (PRECISION - 1))) + 1);
        if (rank > registers[index]) {
            registers[index] = rank;
            return true;
        }
        return false;
    }

    /** Returns the estimated number of distinct hashes added. */
    long estimate() {
        int[] histogram = new int[Q + 2];
        for (byte r : registers) {
            histogram[r]++;
        }
        double m = REGISTERS;
        double z = m * tau(1 - histogram[Q + 1] / m);
        for (int k = Q; k >= 1; k--) {
            z = 0.5 * (z + histogram[k]);
        }
        z += m * sigma(histogram[0] / m);
        return Math.round(m * m / (2 * Math.log(2)) / z);
    }

    private static double sigma(double x) {
        if (x == 1) {
            return Double.POSITIVE_INFINITY;
        }
        double y = 1;
        double z = x;
        double previous;
        do {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        } while (z != previous);
        return z;
    }

    private static double tau(double x) {
        if (x == 0 || x == 1) {
            return 0;
        }
        double y = 1;
        double z = 1 - x;
        double previous;
        do {
            x = Math.sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y;
        } while (z != previous);
        return z / 3;
    }
}
