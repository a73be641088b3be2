package io.cairn.store.lmdb.internal;

import java.util.function.BiPredicate;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.SeekOp;
import org.lmdbjava.Txn;

/** Visits the entries of a database whose keys start with a prefix, in key order. */
final class PrefixScan {
    private PrefixScan() {
    }

    /**
     * Calls the visitor with key and value of each entry under the prefix (each duplicate of a
     * sorted-duplicates database) until it returns false.
     */
    static void forEach(Dbi<byte[]> dbi, Txn<byte[]> txn, byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
        try (Cursor<byte[]> c = dbi.openCursor(txn)) {
            boolean found = prefix.length == 0 ? c.first() : c.get(prefix, GetOp.MDB_SET_RANGE);
            while (found) {
                byte[] key = c.key();
                if (!Keys.startsWith(key, prefix) || !visitor.test(key, c.val())) {
                    return;
                }
                found = c.next();
            }
        }
    }

    /** Calls the visitor with each distinct key under the prefix, skipping duplicates. */
    static void forEachKey(Dbi<byte[]> dbi, Txn<byte[]> txn, byte[] prefix, BiPredicate<byte[], Cursor<byte[]>> visitor) {
        try (Cursor<byte[]> c = dbi.openCursor(txn)) {
            boolean found = prefix.length == 0 ? c.first() : c.get(prefix, GetOp.MDB_SET_RANGE);
            while (found) {
                byte[] key = c.key();
                if (!Keys.startsWith(key, prefix) || !visitor.test(key, c)) {
                    return;
                }
                found = c.seek(SeekOp.MDB_NEXT_NODUP);
            }
        }
    }
}
