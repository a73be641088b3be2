package io.cairn.store.lmdb.internal;

import io.cairn.api.store.TimeSeriesStore;
import java.nio.file.Path;

/** Opens and closes the real LMDB store by hand for other bundles' tests (published in this module's test jar). */
public final class LmdbStores {
    private LmdbStores() {
    }

    /** Opens an LMDB store in a directory. */
    public static LmdbStore open(Path dir) {
        return new LmdbStore(dir, 64L << 20, 126);
    }

    /** Closes a store that {@link #open} returned. */
    public static void close(TimeSeriesStore store) {
        ((LmdbStore) store).close();
    }
}
