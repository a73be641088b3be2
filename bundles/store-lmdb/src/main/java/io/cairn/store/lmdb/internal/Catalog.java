package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.store.TagValueCount;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * What the store holds, read from its indexes rather than its data: databases, measurements,
 * series counts and the next series id (in the catalog database), field types (in the fields
 * database) and tag keys and values (the keys of the postings).
 */
final class Catalog {
    private static final byte DATABASE = 'd';
    private static final byte MEASUREMENT = 'm';
    private static final byte SERIES_COUNT = 'n';
    private static final byte[] NEXT_ID = {'i'};
    private static final byte[] EMPTY = new byte[0];

    private final LmdbEnvironment lmdb;

    Catalog(LmdbEnvironment lmdb) {
        this.lmdb = lmdb;
    }

    long nextSeriesId(Txn<byte[]> txn) {
        byte[] stored = lmdb.catalog.get(txn, NEXT_ID);
        long id = stored == null ? 1 : Keys.id(stored);
        lmdb.catalog.put(txn, NEXT_ID, Keys.id(id + 1));
        return id;
    }

    void seriesAdded(Txn<byte[]> txn, String db, String measurement) {
        lmdb.catalog.put(txn, key(DATABASE, Keys.join(db)), EMPTY);
        lmdb.catalog.put(txn, key(MEASUREMENT, Keys.join(db, measurement)), EMPTY);
        byte[] countKey = key(SERIES_COUNT, Keys.join(db, measurement));
        lmdb.catalog.put(txn, countKey, Keys.id(seriesCount(txn, db, measurement) + 1));
    }

    long seriesCount(Txn<byte[]> txn, String db, String measurement) {
        byte[] count = lmdb.catalog.get(txn, key(SERIES_COUNT, Keys.join(db, measurement)));
        return count == null ? 0 : Keys.id(count);
    }

    /** Returns the number of series in every database. */
    long totalSeries(Txn<byte[]> txn) {
        byte[] next = lmdb.catalog.get(txn, NEXT_ID);
        return next == null ? 0 : Keys.id(next) - 1;
    }

    List<String> databases(Txn<byte[]> txn) {
        List<String> out = new ArrayList<>();
        PrefixScan.forEach(lmdb.catalog, txn, new byte[] {DATABASE}, (k, v) -> {
            out.add(new String(k, 1, k.length - 1, StandardCharsets.UTF_8));
            return true;
        });
        return out;
    }

    List<String> measurements(Txn<byte[]> txn, String db) {
        List<String> out = new ArrayList<>();
        PrefixScan.forEach(lmdb.catalog, txn, key(MEASUREMENT, Keys.under(Keys.join(db))), (k, v) -> {
            out.add(Keys.split(k, 1).get(0));
            return true;
        });
        return out;
    }

    /** Returns the tag keys of a measurement, jumping over the values of each key. */
    List<String> tagKeys(Txn<byte[]> txn, String db, String measurement) {
        List<String> out = new ArrayList<>();
        byte[] prefix = Keys.under(Keys.join(db, measurement));
        try (Cursor<byte[]> c = lmdb.postings.openCursor(txn)) {
            byte[] from = prefix;
            while (from != null && c.get(from, GetOp.MDB_SET_RANGE)) {
                byte[] k = c.key();
                if (!Keys.startsWith(k, prefix)) {
                    break;
                }
                String key = Keys.split(k, 2).get(0);
                out.add(key);
                from = Keys.after(Keys.under(Keys.join(db, measurement, key)));
            }
        }
        return out;
    }

    /** Returns values of a tag key; a value too long for an LMDB key is read from a series carrying it. */
    List<String> tagValues(Txn<byte[]> txn, String db, String measurement, String key, int limit) {
        List<String> out = new ArrayList<>();
        if (limit <= 0) {
            return out;
        }
        byte[] prefix = Keys.under(Keys.join(db, measurement, key));
        PrefixScan.forEachKey(lmdb.postings, txn, prefix, (k, c) -> {
            if (Keys.isHashed(k, prefix.length)) {
                byte[] series = lmdb.seriesById.get(txn, c.val());
                out.add(Keys.tagsOfSeriesKey(series).get(key));
            } else {
                out.add(Keys.split(k, 3).get(0));
            }
            return out.size() < limit;
        });
        out.sort(null);
        return out;
    }

    /** Most series first, ties by value: the order of {@link #tagValueCounts}. */
    static final Comparator<TagValueCount> MOST_SERIES_FIRST =
            Comparator.comparingLong(TagValueCount::series).reversed().thenComparing(TagValueCount::value);

    /**
     * Returns up to {@code limit} values of a tag key starting with a prefix, most series first: reads only the
     * postings under the prefix and counts each value's series ids, keeping the top {@code limit} in a heap.
     * Values too long for a key (kept hashed) are found only with an empty prefix.
     */
    List<TagValueCount> tagValueCounts(Txn<byte[]> txn, String db, String measurement, String key, String prefix,
            int limit) {
        if (limit <= 0) {
            return List.of();
        }
        byte[] keyPrefix = Keys.under(Keys.join(db, measurement, key));
        byte[] valuePrefix = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] from = Arrays.copyOf(keyPrefix, keyPrefix.length + valuePrefix.length);
        System.arraycopy(valuePrefix, 0, from, keyPrefix.length, valuePrefix.length);
        PriorityQueue<TagValueCount> top = new PriorityQueue<>(MOST_SERIES_FIRST.reversed());
        PrefixScan.forEachKey(lmdb.postings, txn, from, (k, c) -> {
            long count = c.count();
            if (top.size() == limit && count < top.peek().series()) {
                return true; // cannot enter the top: skip decoding its value
            }
            String value = Keys.isHashed(k, keyPrefix.length)
                    ? Keys.tagsOfSeriesKey(lmdb.seriesById.get(txn, c.val())).get(key)
                    : new String(k, keyPrefix.length, k.length - keyPrefix.length, StandardCharsets.UTF_8);
            if (value.startsWith(prefix)) {
                top.offer(new TagValueCount(value, count));
                if (top.size() > limit) {
                    top.poll();
                }
            }
            return true;
        });
        List<TagValueCount> out = new ArrayList<>(top);
        out.sort(MOST_SERIES_FIRST);
        return out;
    }

    FieldType fieldType(Txn<byte[]> txn, String db, String measurement, String field) {
        byte[] type = lmdb.fields.get(txn, Keys.join(db, measurement, field));
        return type == null ? null : FieldType.ofCode(type[0]);
    }

    Map<String, FieldType> fields(Txn<byte[]> txn, String db, String measurement) {
        Map<String, FieldType> out = new TreeMap<>();
        PrefixScan.forEach(lmdb.fields, txn, Keys.under(Keys.join(db, measurement)), (k, v) -> {
            out.put(Keys.split(k, 2).get(0), FieldType.ofCode(v[0]));
            return true;
        });
        return out;
    }

    /**
     * Records the types of a batch's fields.
     *
     * @throws IllegalArgumentException naming the field and both types when one conflicts, or
     *     when a field's name is too long for a key
     */
    void registerFields(Txn<byte[]> txn, String db, String measurement, List<FieldColumn> columns) {
        List<FieldColumn> fresh = new ArrayList<>();
        for (FieldColumn column : columns) {
            if (Keys.chunkPrefix(0, column.name()).length + 8 > Keys.MAX_KEY_BYTES
                    || Keys.join(db, measurement, column.name()).length > Keys.MAX_KEY_BYTES) {
                throw new IllegalArgumentException("field name " + column.name() + " is too long");
            }
            FieldType stored = fieldType(txn, db, measurement, column.name());
            if (stored != null && stored != column.type()) {
                throw new IllegalArgumentException("field " + column.name() + " of " + measurement
                        + " is stored as " + stored + ", cannot write " + column.type());
            }
            if (stored == null) {
                fresh.add(column);
            }
        }
        for (FieldColumn column : fresh) {
            lmdb.fields.put(txn, Keys.join(db, measurement, column.name()), new byte[] {column.type().code()});
        }
    }

    private static byte[] key(byte kind, byte[] rest) {
        return ByteBuffer.allocate(rest.length + 1).put(kind).put(rest).array();
    }
}
