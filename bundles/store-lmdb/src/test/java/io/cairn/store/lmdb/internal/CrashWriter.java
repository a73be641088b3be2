package io.cairn.store.lmdb.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.nio.file.Path;

/**
 * The process {@link CrashSafetyTest} kills: writes batch after batch to a store and prints the
 * number of each batch once its write returned. Arguments: the store's folder and the first batch.
 */
public final class CrashWriter {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final int SERIES = 40;
    static final int ROWS_PER_SERIES = 3;
    /** The slots, in the first hour, that batches overwrite out of order. */
    static final int REWRITTEN_SLOTS = 50;

    private CrashWriter() {
    }

    /** Returns batch k: three later rows per series (appends), and one rewritten earlier slot (a merge). */
    static WriteBatch batch(int k) {
        WriteBatch.Builder b = WriteBatch.builder("d", "m");
        for (int s = 0; s < SERIES; s++) {
            Tags tags = Tags.of("host", "h" + s);
            for (int j = 0; j < ROWS_PER_SERIES; j++) {
                int row = b.addRow(tags, appendedTime(k, j));
                b.setLong(row, "batch", k);
                b.setDouble(row, "x", k * 0.5 + s);
            }
            b.setLong(b.addRow(tags, rewrittenTime(k)), "batch", k);
        }
        return b.build();
    }

    static long appendedTime(int k, int j) {
        return T0 + 3600 * SECOND + (k * (long) ROWS_PER_SERIES + j) * 10 * SECOND;
    }

    static long rewrittenTime(int k) {
        return T0 + (k * 7L % REWRITTEN_SLOTS) * 10 * SECOND;
    }

    public static void main(String[] args) {
        LmdbStore store = new LmdbStore(Path.of(args[0]), 1L << 20, 16);
        for (int k = Integer.parseInt(args[1]); ; k++) {
            store.write(batch(k));
            System.out.println(k);
            System.out.flush();
        }
    }
}
