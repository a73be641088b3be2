package io.cairn.store.lmdb.internal;

import io.cairn.api.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LMDB environment with the store's named databases. Every transaction holds a shared lock;
 * growing the map when it is full takes the lock exclusively, as LMDB requires that no
 * transaction be open while the map size changes.
 */
final class LmdbEnvironment implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LmdbEnvironment.class);
    private static final long LOCK_TIMEOUT_SECONDS = 30;

    final Dbi<byte[]> series;
    final Dbi<byte[]> seriesById;
    final Dbi<byte[]> postings;
    final Dbi<byte[]> fields;
    final Dbi<byte[]> chunks;
    final Dbi<byte[]> openChunks;
    final Dbi<byte[]> catalog;
    final Dbi<byte[]> valueCounts;
    private final Env<byte[]> env;
    private final Path dir;
    private final StampedLock lock = new StampedLock();
    private volatile long mapSize;
    private volatile boolean closed;

    private LmdbEnvironment(Env<byte[]> env, Path dir, long mapSize) {
        this.env = env;
        this.dir = dir;
        this.mapSize = mapSize;
        series = env.openDbi("series", DbiFlags.MDB_CREATE);
        seriesById = env.openDbi("series-by-id", DbiFlags.MDB_CREATE);
        postings = env.openDbi("postings", DbiFlags.MDB_CREATE, DbiFlags.MDB_DUPSORT);
        fields = env.openDbi("fields", DbiFlags.MDB_CREATE);
        chunks = env.openDbi("chunks", DbiFlags.MDB_CREATE);
        openChunks = env.openDbi("open-chunks", DbiFlags.MDB_CREATE);
        catalog = env.openDbi("catalog", DbiFlags.MDB_CREATE);
        valueCounts = env.openDbi("value-counts", DbiFlags.MDB_CREATE);
    }

    /** Opens (creating if needed) the environment in a directory. */
    static LmdbEnvironment open(Path dir, long initialMapSize, int maxReaders) {
        try {
            Files.createDirectories(dir);
            long existing = Files.exists(dir.resolve("data.mdb")) ? Files.size(dir.resolve("data.mdb")) : 0;
            long mapSize = Math.max(initialMapSize, existing);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(LmdbEnvironment.class.getClassLoader());
            try {
                Env<byte[]> env = Env.create(PinnedByteArrayProxy.PROXY)
                        .setMapSize(mapSize)
                        .setMaxDbs(16)
                        .setMaxReaders(maxReaders)
                        .open(dir.toFile(), EnvFlags.MDB_NOTLS);
                return new LmdbEnvironment(env, dir, mapSize);
            } finally {
                thread.setContextClassLoader(previous);
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Runs work in one write transaction and commits it, growing the map and retrying when full. */
    <R> R write(Function<Txn<byte[]>, R> work) {
        while (true) {
            long observedSize = mapSize;
            long stamp = shared();
            try (Txn<byte[]> txn = env.txnWrite()) {
                R result = work.apply(txn);
                txn.commit();
                return result;
            } catch (Env.MapFullException e) {
                LOG.debug("LMDB map of {} bytes is full", observedSize);
            } finally {
                lock.unlockRead(stamp);
            }
            grow(observedSize);
        }
    }

    /** Puts a value; the null flag array spares lmdbjava's stream-based flag masking on every call. */
    static void put(Dbi<byte[]> dbi, Txn<byte[]> txn, byte[] key, byte[] value) {
        dbi.put(txn, key, value, (PutFlags[]) null);
    }

    /** Runs work in a read transaction that is closed afterwards. */
    <R> R read(Function<Txn<byte[]>, R> work) {
        try (ReadTxn txn = openRead()) {
            return work.apply(txn.txn());
        }
    }

    /** Opens a read transaction that holds the shared lock until it is closed. */
    ReadTxn openRead() {
        long stamp = shared();
        try {
            return new ReadTxn(env.txnRead(), lock, stamp);
        } catch (Env.ReadersFullException e) {
            lock.unlockRead(stamp);
            throw new StoreUnavailableException("every LMDB reader slot is in use; retry shortly", e);
        } catch (RuntimeException e) {
            lock.unlockRead(stamp);
            throw e;
        }
    }

    private long shared() {
        if (closed) {
            throw new StoreUnavailableException("the LMDB store is closed");
        }
        try {
            long stamp = lock.tryReadLock(LOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (stamp == 0) {
                throw new StoreUnavailableException("the LMDB store is busy growing its map");
            }
            if (closed) {
                lock.unlockRead(stamp);
                throw new StoreUnavailableException("the LMDB store is closed");
            }
            return stamp;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", e);
        }
    }

    private void grow(long observedSize) {
        long stamp = exclusive("grow the LMDB map: scans are still open");
        try {
            if (mapSize == observedSize) {
                long grown = observedSize * 2;
                env.setMapSize(grown);
                mapSize = grown;
                LOG.info("LMDB map at {} grown to {} bytes", dir, grown);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private long exclusive(String failure) {
        try {
            long stamp = lock.tryWriteLock(LOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (stamp == 0) {
                throw new StoreUnavailableException("cannot " + failure);
            }
            return stamp;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", e);
        }
    }

    long mapSize() {
        return mapSize;
    }

    Path dir() {
        return dir;
    }

    boolean isOpen() {
        return !closed && !env.isClosed();
    }

    long bytesOnDisk() {
        try {
            return Files.size(dir.resolve("data.mdb"));
        } catch (IOException e) {
            return 0;
        }
    }

    /** Closes the environment once every open transaction has ended. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long stamp = exclusive("close the LMDB store: scans are still open");
        try {
            env.close();
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
