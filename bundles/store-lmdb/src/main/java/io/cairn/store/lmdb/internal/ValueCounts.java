package io.cairn.store.lmdb.internal;

import io.cairn.api.store.TagValueCount;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * The tag values that more than one series carries, ordered by their number of series: the {@code value-counts}
 * database holds {@code db\0measurement\0key\0 + (Long.MAX_VALUE - series)(8) + value} for each such value (the
 * value part as in its postings key), so that the values most series carry come first, ties by value in byte
 * order, and the values under a prefix are one range per series count. Values of one series are not listed:
 * they follow in postings order. Autocomplete thus reads a few keys per series count plus {@code limit} values,
 * whatever the number of values. A key too long for LMDB keeps the start of the value and ends in a hash of
 * its postings key, which its LMDB value holds.
 */
final class ValueCounts {
    private static final byte[] EMPTY = new byte[0];
    private static final int HASH_BYTES = 32;

    private final LmdbEnvironment lmdb;

    ValueCounts(LmdbEnvironment lmdb) {
        this.lmdb = lmdb;
    }

    /** Records that the value of a postings key went from {@code before} to {@code after} series. */
    void changed(Txn<byte[]> txn, byte[] postingsKey, long before, long after) {
        if (before == after) {
            return;
        }
        int valueStart = valueStart(postingsKey);
        if (valueStart + 8 + HASH_BYTES > Keys.MAX_KEY_BYTES) {
            return; // a tag key name too long to list its values by count: they follow in postings order
        }
        if (before >= 2) {
            lmdb.valueCounts.delete(txn, key(postingsKey, valueStart, before));
        }
        if (after >= 2) {
            LmdbEnvironment.put(lmdb.valueCounts, txn, key(postingsKey, valueStart, after),
                    rehashed(postingsKey) ? postingsKey : EMPTY);
        }
    }

    /**
     * Returns up to {@code limit} values of a tag key starting with a prefix, most series first, ties by value:
     * the listed values by series count, then values of one series in postings order.
     *
     * @param keyPrefix {@code db\0measurement\0key\0}
     * @param decoder turns a postings key into its value
     */
    List<TagValueCount> top(Txn<byte[]> txn, byte[] keyPrefix, String prefix, int limit, ValueDecoder decoder) {
        byte[] valuePrefix = prefix.getBytes(StandardCharsets.UTF_8);
        List<TagValueCount> out = new ArrayList<>();
        if (keyPrefix.length + 8 + HASH_BYTES > Keys.MAX_KEY_BYTES) {
            return countEveryValue(txn, keyPrefix, valuePrefix, prefix, limit, decoder);
        }
        try (Cursor<byte[]> c = lmdb.valueCounts.openCursor(txn)) {
            boolean found = c.get(keyPrefix, GetOp.MDB_SET_RANGE);
            while (found && out.size() < limit && Keys.startsWith(c.key(), keyPrefix)) {
                byte[] level = Arrays.copyOf(c.key(), keyPrefix.length + 8);
                long series = Long.MAX_VALUE - ByteBuffer.wrap(level, keyPrefix.length, 8).getLong();
                byte[] from = concat(level, valuePrefix);
                found = c.get(from, GetOp.MDB_SET_RANGE);
                while (found && out.size() < limit && Keys.startsWith(c.key(), from)) {
                    byte[] k = c.key();
                    byte[] postingsKey = c.val().length > 0 ? c.val()
                            : concat(keyPrefix, Arrays.copyOfRange(k, level.length, k.length));
                    String value = decoder.value(postingsKey);
                    if (value.startsWith(prefix)) {
                        out.add(new TagValueCount(value, series));
                    }
                    found = c.next();
                }
                byte[] nextLevel = Keys.after(level);
                found = nextLevel != null && c.get(nextLevel, GetOp.MDB_SET_RANGE);
            }
        }
        if (out.size() < limit) {
            addSingleSeriesValues(txn, keyPrefix, valuePrefix, prefix, limit, decoder, out);
        }
        return out;
    }

    private void addSingleSeriesValues(Txn<byte[]> txn, byte[] keyPrefix, byte[] valuePrefix, String prefix,
            int limit, ValueDecoder decoder, List<TagValueCount> out) {
        PrefixScan.forEachKey(lmdb.postings, txn, concat(keyPrefix, valuePrefix), (k, c) -> {
            if (c.count() == 1) {
                String value = decoder.value(k);
                if (value.startsWith(prefix)) {
                    out.add(new TagValueCount(value, 1));
                }
            }
            return out.size() < limit;
        });
    }

    /** Counts the series of every value under the prefix: for tag keys whose name leaves no room to list them. */
    private List<TagValueCount> countEveryValue(Txn<byte[]> txn, byte[] keyPrefix, byte[] valuePrefix, String prefix,
            int limit, ValueDecoder decoder) {
        List<TagValueCount> all = new ArrayList<>();
        PrefixScan.forEachKey(lmdb.postings, txn, concat(keyPrefix, valuePrefix), (k, c) -> {
            String value = decoder.value(k);
            if (value.startsWith(prefix)) {
                all.add(new TagValueCount(value, c.count()));
            }
            return true;
        });
        all.sort(Catalog.MOST_SERIES_FIRST);
        return new ArrayList<>(all.subList(0, Math.min(limit, all.size())));
    }

    /** Turns a postings key into its tag value. */
    @FunctionalInterface
    interface ValueDecoder {
        String value(byte[] postingsKey);
    }

    private static byte[] key(byte[] postingsKey, int valueStart, long series) {
        int valueBytes = postingsKey.length - valueStart;
        byte[] hash = rehashed(postingsKey) ? sha256(postingsKey) : EMPTY;
        if (hash.length > 0) {
            valueBytes = Keys.MAX_KEY_BYTES - valueStart - 8 - hash.length;
        }
        return ByteBuffer.allocate(valueStart + 8 + valueBytes + hash.length).put(postingsKey, 0, valueStart)
                .putLong(Long.MAX_VALUE - series).put(postingsKey, valueStart, valueBytes).put(hash).array();
    }

    private static boolean rehashed(byte[] postingsKey) {
        return postingsKey.length + 8 > Keys.MAX_KEY_BYTES;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    /** Returns where the value starts in a postings key: after its third zero byte. */
    static int valueStart(byte[] postingsKey) {
        int zeros = 0;
        for (int i = 0; i < postingsKey.length; i++) {
            if (postingsKey[i] == 0 && ++zeros == 3) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("not a postings key");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
