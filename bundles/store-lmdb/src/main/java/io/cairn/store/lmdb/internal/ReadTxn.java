package io.cairn.store.lmdb.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.StampedLock;
import org.lmdbjava.Txn;

/** A read transaction with the shared environment lock it holds; closing it twice is harmless. */
final class ReadTxn implements AutoCloseable {
    private final Txn<byte[]> txn;
    private final StampedLock lock;
    private final long stamp;
    private final AtomicBoolean closed = new AtomicBoolean();

    ReadTxn(Txn<byte[]> txn, StampedLock lock, long stamp) {
        this.txn = txn;
        this.lock = lock;
        this.stamp = stamp;
    }

    Txn<byte[]> txn() {
        return txn;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                txn.close();
            } finally {
                lock.unlockRead(stamp);
            }
        }
    }
}
