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
    private static final byte KEY_SERIES_COUNT = 'k';
    private static final byte[] NEXT_ID = {'i'};
    private static final byte[] TAG_SERIES_COUNTED = {'v'};
    private static final byte[] EMPTY = new byte[0];

    private final LmdbEnvironment lmdb;
    private final ValueCounts valueCounts;
    private final CatalogVersion version = new CatalogVersion();

    Catalog(LmdbEnvironment lmdb) {
        this.lmdb = lmdb;
        this.valueCounts = new ValueCounts(lmdb);
    }

    /** Returns the number that changes once a write that changed this catalog committed; see {@link CatalogVersion}. */
    CatalogVersion version() {
        return version;
    }

    ValueCounts valueCounts() {
        return valueCounts;
    }

    /** Returns the id the next new series takes. */
    long nextSeriesId(Txn<byte[]> txn) {
        byte[] stored = lmdb.catalog.get(txn, NEXT_ID);
        return stored == null ? 1 : Keys.id(stored);
    }

    /** Records {@code added} new series of a measurement, the next new series taking id {@code nextId}. */
    void seriesAdded(Txn<byte[]> txn, String db, String measurement, int added, long nextId) {
        version.changing();
        LmdbEnvironment.put(lmdb.catalog, txn, NEXT_ID, Keys.id(nextId));
        LmdbEnvironment.put(lmdb.catalog, txn, key(DATABASE, Keys.join(db)), EMPTY);
        LmdbEnvironment.put(lmdb.catalog, txn, key(MEASUREMENT, Keys.join(db, measurement)), EMPTY);
        byte[] countKey = key(SERIES_COUNT, Keys.join(db, measurement));
        LmdbEnvironment.put(lmdb.catalog, txn, countKey, Keys.id(seriesCount(txn, db, measurement) + added));
    }

    /**
     * Adds {@code added} series carrying a tag key, given by the postings prefix of its values
     * ({@code db\0measurement\0key\0}).
     */
    void keySeriesAdded(Txn<byte[]> txn, byte[] keyPrefix, long added) {
        byte[] countKey = key(KEY_SERIES_COUNT, keyPrefix);
        byte[] count = lmdb.catalog.get(txn, countKey);
        LmdbEnvironment.put(lmdb.catalog, txn, countKey, Keys.id((count == null ? 0 : Keys.id(count)) + added));
    }

    /** Returns the number of series of a measurement that carry a tag key. */
    long keySeriesCount(Txn<byte[]> txn, String db, String measurement, String key) {
        byte[] count = lmdb.catalog.get(txn, key(KEY_SERIES_COUNT, Keys.under(Keys.join(db, measurement, key))));
        return count == null ? 0 : Keys.id(count);
    }

    /**
     * Counts, once, the series of each tag value ({@link ValueCounts}) and of each tag key, for a store written
     * before these counts existed; returns whether it counted.
     */
    boolean countTagSeries(Txn<byte[]> txn) {
        if (lmdb.catalog.get(txn, TAG_SERIES_COUNTED) != null) {
            return false;
        }
        byte[][] keyPrefix = {null};
        long[] series = {0};
        PrefixScan.forEachKey(lmdb.postings, txn, EMPTY, (k, c) -> {
            long count = c.count();
            valueCounts.changed(txn, k, 1, count);
            byte[] prefix = Arrays.copyOf(k, ValueCounts.valueStart(k));
            if (keyPrefix[0] != null && !Arrays.equals(keyPrefix[0], prefix)) {
                keySeriesAdded(txn, keyPrefix[0], series[0]);
                series[0] = 0;
            }
            keyPrefix[0] = prefix;
            series[0] += count;
            return true;
        });
        if (keyPrefix[0] != null) {
            keySeriesAdded(txn, keyPrefix[0], series[0]);
        }
        LmdbEnvironment.put(lmdb.catalog, txn, TAG_SERIES_COUNTED, EMPTY);
        return true;
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
     * Returns up to {@code limit} values of a tag key starting with a prefix, most series first, from
     * {@link ValueCounts}: the work does not grow with the number of values. Values too long for a key (kept
     * hashed) are found only with an empty prefix.
     */
    List<TagValueCount> tagValueCounts(Txn<byte[]> txn, String db, String measurement, String key, String prefix,
            int limit) {
        if (limit <= 0) {
            return List.of();
        }
        byte[] keyPrefix = Keys.under(Keys.join(db, measurement, key));
        List<TagValueCount> out = valueCounts.top(txn, keyPrefix, prefix, limit, postingsKey ->
                Keys.isHashed(postingsKey, keyPrefix.length)
                        ? Keys.tagsOfSeriesKey(lmdb.seriesById.get(txn, lmdb.postings.get(txn, postingsKey))).get(key)
                        : new String(postingsKey, keyPrefix.length, postingsKey.length - keyPrefix.length,
                                StandardCharsets.UTF_8));
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
        if (!fresh.isEmpty()) {
            version.changing();
        }
        for (FieldColumn column : fresh) {
            lmdb.fields.put(txn, Keys.join(db, measurement, column.name()), new byte[] {column.type().code()});
        }
    }

    private static byte[] key(byte kind, byte[] rest) {
        return ByteBuffer.allocate(rest.length + 1).put(kind).put(rest).array();
    }
}
