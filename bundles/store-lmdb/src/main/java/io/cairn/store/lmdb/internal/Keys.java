package io.cairn.store.lmdb.internal;

import io.cairn.api.model.Tags;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The byte layout of the store's keys. Text parts are UTF-8 joined by a zero byte: a series key
 * is {@code db\0measurement\0k1\0v1\0k2\0v2...} (tags sorted by key), a postings key
 * {@code db\0measurement\0key\0value}, a field key {@code db\0measurement\0field}. A closed
 * chunk's key is {@code seriesId(8) field \0 blockStart(8)}, numbers big-endian with the sign bit
 * of times flipped so that byte order is time order; an open chunk's key is the same without the
 * block start (its prefix). Keys longer than LMDB allows end in a hash instead. Chunks cover
 * {@link #BLOCK_NANOS} (one hour) each, aligned to the epoch.
 */
final class Keys {
    /** The time window of one chunk: one hour in nanoseconds. */
    static final long BLOCK_NANOS = 3_600_000_000_000L;
    /** LMDB's default largest key. */
    static final int MAX_KEY_BYTES = 511;
    private static final byte HASHED = 1;
    private static final int MISMATCH = -1;

    private Keys() {
    }

    /** Returns the start of a time's block; times in the partial block at the very bottom share Long.MIN_VALUE. */
    static long blockOf(long timeNanos) {
        long start = timeNanos - Math.floorMod(timeNanos, BLOCK_NANOS);
        return start > timeNanos ? Long.MIN_VALUE : start;
    }

    /**
     * Joins text parts with zero bytes, sized once: ASCII text (names nearly always are) is copied character by
     * character into the key, other text encoded to UTF-8 first.
     */
    static byte[] join(String... parts) {
        int length = Math.max(0, parts.length - 1);
        for (String part : parts) {
            length += part.length();
        }
        byte[] out = new byte[length];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out[at++] = 0;
            }
            String part = parts[i];
            for (int c = 0; c < part.length(); c++) {
                char ch = part.charAt(c);
                if (ch >= 0x80) {
                    return joinEncoded(parts);
                }
                out[at++] = (byte) ch;
            }
        }
        return out;
    }

    private static byte[] joinEncoded(String... parts) {
        byte[][] encoded = new byte[parts.length][];
        int length = Math.max(0, parts.length - 1);
        for (int i = 0; i < parts.length; i++) {
            encoded[i] = parts[i].getBytes(StandardCharsets.UTF_8);
            length += encoded[i].length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out[at++] = 0;
            }
            System.arraycopy(encoded[i], 0, out, at, encoded[i].length);
            at += encoded[i].length;
        }
        return out;
    }

    /** Returns the key with a zero byte appended: the prefix of everything below it. */
    static byte[] under(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    /**
     * Returns the key of a series in the series database: its full key, or when that is longer than
     * LMDB allows, {@code db\0measurement\0} + 0x01 + SHA-256 of the full key.
     */
    static byte[] seriesKey(String db, String measurement, Tags tags) {
        return fit(fullSeriesKey(db, measurement, tags), db, measurement);
    }

    /** Returns a postings key, its value part hashed (after 0x01) when the key is longer than LMDB allows. */
    static byte[] postingsKey(String db, String measurement, String key, String value) {
        return fit(join(db, measurement, key, value), db, measurement, key);
    }

    /** Returns whether a postings or series key ends in a hash instead of text. */
    static boolean isHashed(byte[] key, int textStart) {
        return key.length > textStart && key[textStart] == HASHED;
    }

    /** Returns the key, or when it is too long the names kept in front ({@code kept}, then an empty part) and a hash. */
    private static byte[] fit(byte[] key, String... kept) {
        if (key.length <= MAX_KEY_BYTES) {
            return key;
        }
        String[] parts = Arrays.copyOf(kept, kept.length + 1);
        parts[kept.length] = "";
        byte[] keep = join(parts);
        if (keep.length + 1 + 32 > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("names too long for a key: " + keep.length + " bytes before the hashed part");
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key);
            return ByteBuffer.allocate(keep.length + 1 + hash.length).put(keep).put(HASHED).put(hash).array();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    /**
     * Returns whether {@code key} is the {@link #seriesKey} of a series, comparing the names with its bytes in
     * place; a key that may end in a hash is compared with the built key.
     */
    static boolean isSeriesKeyOf(byte[] key, String db, String measurement, Tags tags) {
        return isSeriesKeyOf(key, 0, key.length, db, measurement, tags);
    }

    /** Returns whether {@code bytes[from, to)} is the {@link #seriesKey} of a series, as {@link #isSeriesKeyOf}. */
    static boolean isSeriesKeyOf(byte[] bytes, int from, int to, String db, String measurement, Tags tags) {
        if (to - from > 32 && bytes[to - 33] == HASHED) {
            byte[] built = seriesKey(db, measurement, tags);
            return Arrays.equals(bytes, from, to, built, 0, built.length);
        }
        int at = matchText(bytes, from, to, db);
        at = matchText(bytes, matchZero(bytes, at, to), to, measurement);
        if (tags.size() == 0) {
            at = matchZero(bytes, at, to);
        }
        for (int i = 0; i < tags.size() && at >= 0; i++) {
            at = matchText(bytes, matchZero(bytes, at, to), to, tags.key(i));
            at = matchText(bytes, matchZero(bytes, at, to), to, tags.value(i));
        }
        return at == to;
    }

    /**
     * Returns the position after the UTF-8 of {@code text} matched at {@code at} (before {@code end}), or -1. ASCII
     * characters are compared with the bytes in place; the text from its first other character on is encoded.
     */
    private static int matchText(byte[] bytes, int at, int end, String text) {
        if (at < 0) {
            return MISMATCH;
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return matchUtf8(bytes, at + i, end, text.substring(i));
            }
            if (at + i >= end || bytes[at + i] != (byte) c) {
                return MISMATCH;
            }
        }
        return at + length;
    }

    private static int matchUtf8(byte[] bytes, int at, int end, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int last = at + utf8.length;
        return last <= end && Arrays.equals(bytes, at, last, utf8, 0, utf8.length) ? last : MISMATCH;
    }

    private static int matchZero(byte[] bytes, int at, int end) {
        return at >= 0 && at < end && bytes[at] == 0 ? at + 1 : MISMATCH;
    }

    /** Returns the full text key of a series: {@code db\0measurement\0k1\0v1...}. */
    static byte[] fullSeriesKey(String db, String measurement, Tags tags) {
        if (tags.size() == 0) {
            return join(db, measurement, "");
        }
        String[] parts = new String[2 + tags.size() * 2];
        parts[0] = db;
        parts[1] = measurement;
        for (int i = 0; i < tags.size(); i++) {
            parts[2 + 2 * i] = tags.key(i);
            parts[3 + 2 * i] = tags.value(i);
        }
        return join(parts);
    }

    /** Returns the text parts of a key joined by zero bytes, from part {@code skip} on. */
    static List<String> split(byte[] key, int skip) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= key.length; i++) {
            if (i == key.length || key[i] == 0) {
                parts.add(new String(key, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return parts.subList(Math.min(skip, parts.size()), parts.size());
    }

    static Tags tagsOfSeriesKey(byte[] key) {
        List<String> parts = split(key, 2);
        return parts.isEmpty() || parts.size() % 2 != 0 ? Tags.EMPTY : Tags.of(parts.toArray(new String[0]));
    }

    static byte[] id(long id) {
        return ByteBuffer.allocate(8).putLong(id).array();
    }

    static long id(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    /** Returns the prefix of every chunk of a series and field. */
    static byte[] chunkPrefix(long seriesId, String field) {
        return chunkPrefix(seriesId, field.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the prefix of every chunk of a series and a field given by its UTF-8 name. */
    static byte[] chunkPrefix(long seriesId, byte[] fieldUtf8) {
        return ByteBuffer.allocate(8 + fieldUtf8.length + 1).putLong(seriesId).put(fieldUtf8).put((byte) 0).array();
    }

    /** Compares UTF-8 field names in the order of their chunk keys (each name followed by a zero byte). */
    static int compareFieldNames(byte[] a, byte[] b) {
        int common = Math.min(a.length, b.length);
        int c = Arrays.compareUnsigned(a, 0, common, b, 0, common);
        if (c != 0) {
            return c;
        }
        return Integer.compare(a.length, b.length);
    }

    static byte[] chunkKey(byte[] chunkPrefix, long blockStart) {
        return ByteBuffer.allocate(chunkPrefix.length + 8).put(chunkPrefix)
                .putLong(blockStart ^ Long.MIN_VALUE).array();
    }

    static long blockOfChunkKey(byte[] key) {
        return ByteBuffer.wrap(key, key.length - 8, 8).getLong() ^ Long.MIN_VALUE;
    }

    /** Returns the chunk key's prefix (series id and field), without the block start. */
    static byte[] chunkPrefixOf(byte[] key) {
        return Arrays.copyOf(key, key.length - 8);
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length
                && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Returns the smallest key greater than every key that starts with {@code prefix}. */
    static byte[] after(byte[] prefix) {
        byte[] next = Arrays.copyOf(prefix, prefix.length);
        for (int i = next.length - 1; i >= 0; i--) {
            if (next[i] != (byte) 0xFF) {
                next[i]++;
                return Arrays.copyOf(next, i + 1);
            }
        }
        return null;
    }
}
