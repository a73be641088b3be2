package io.cairn.store.lmdb.internal;

import java.nio.file.Path;

/** Opens real LMDB stores for the admin bundle's tests. */
public final class LmdbStores {
    private LmdbStores() {
    }

    /** Opens an LMDB store in a directory. */
    public static LmdbStore open(Path dir) {
        return new LmdbStore(dir, 16L << 20, 126);
    }

    /** Closes a store. */
    public static void close(LmdbStore store) {
        store.close();
    }
}
