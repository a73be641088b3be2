package io.cairn.store.lmdb.internal;

import io.cairn.api.store.TimeSeriesStore;
import java.nio.file.Path;

/** Opens and closes the real LMDB store by hand, as its own tests do, for the SQL tests. */
public final class LmdbStores {
    private LmdbStores() {
    }

    public static TimeSeriesStore open(Path dir) {
        return new LmdbStore(dir, 64L << 20, 64);
    }

    public static void close(TimeSeriesStore store) {
        ((LmdbStore) store).close();
    }
}
