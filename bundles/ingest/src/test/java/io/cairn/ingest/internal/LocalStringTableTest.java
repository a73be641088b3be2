package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The reader's string table over the shared cache, and the byte hashing and comparison under both. */
class LocalStringTableTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsWhatItOrTheSharedCacheHoldsAsTheSameInstance() {
        ByteRangeCache<String> shared = new ByteRangeCache<>(10_000);
        LocalStringTable first = new LocalStringTable(shared);
        byte[] buffer = bytes("..host_1..");
        assertNull(first.get(buffer, 2, 6));
        String host = new String("host_1");
        first.put(buffer, 2, 6, host);

        assertSame(host, first.get(bytes("host_1"), 0, 6));
        assertSame(host, new LocalStringTable(shared).get(bytes("xhost_1"), 1, 6));
        assertNull(first.get(bytes("host_2"), 0, 6));
    }

    @Test
    void longTextsStayWithTheirRequestNotInTheSharedCache() {
        ByteRangeCache<String> shared = new ByteRangeCache<>(10_000);
        LocalStringTable request = new LocalStringTable(shared);
        String text = "x".repeat(LocalStringTable.MAX_SHARED + 1);
        String tag = "y".repeat(LocalStringTable.MAX_SHARED);
        request.put(bytes(text), 0, text.length(), text);
        request.put(bytes(tag), 0, tag.length(), tag);
        assertSame(text, request.get(bytes(text), 0, text.length()));
        assertNull(new LocalStringTable(shared).get(bytes(text), 0, text.length()));
        assertSame(tag, new LocalStringTable(shared).get(bytes(tag), 0, tag.length()));
    }

    @Test
    void keepsEveryStringAsItGrows() {
        LocalStringTable table = new LocalStringTable(new ByteRangeCache<>(10_000));
        for (int i = 0; i < 3000; i++) {
            byte[] b = bytes("value_" + i);
            table.put(b, 0, b.length, "value_" + i);
        }
        for (int i = 0; i < 3000; i++) {
            byte[] b = bytes("value_" + i);
            assertEquals("value_" + i, table.get(b, 0, b.length));
        }
    }

    @Test
    void stringsDifferingInOneByteOrInLengthAreToldApart() {
        LocalStringTable table = new LocalStringTable(new ByteRangeCache<>(10_000));
        java.util.List<String> all = new java.util.ArrayList<>();
        for (int len = 0; len <= 20; len++) {
            String base = "abcdefghijklmnopqrstu".substring(0, len);
            all.add(base);
            for (int i = 0; i < len; i++) {
                all.add(base.substring(0, i) + 'Z' + base.substring(i + 1));
            }
        }
        for (String s : all) {
            byte[] b = bytes(s);
            if (table.get(b, 0, b.length) == null) {
                table.put(b, 0, b.length, s);
            }
        }
        for (String s : all) {
            byte[] b = bytes("__" + s);
            assertEquals(s, table.get(b, 2, b.length - 2));
        }
    }

    @Test
    void hashDependsOnEveryByteAndOnlyOnTheBytes() {
        for (int len = 0; len <= 24; len++) {
            byte[] b = new byte[len + 3];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ('a' + i % 26);
            }
            byte[] moved = new byte[len + 7];
            System.arraycopy(b, 0, moved, 5, len);
            int hash = ByteRangeCache.hash(b, 0, len);
            assertEquals(hash, ByteRangeCache.hash(moved, 5, len));
            for (int i = 0; i < len; i++) {
                b[i]++;
                assertNotEquals(hash, ByteRangeCache.hash(b, 0, len), "length " + len + ", byte " + i);
                b[i]--;
            }
            assertNotEquals(hash, ByteRangeCache.hash(b, 0, len + 1));
        }
    }

    @Test
    void sameBytesComparesLengthAndEveryByte() {
        for (int len = 0; len <= 24; len++) {
            byte[] key = new byte[len];
            for (int i = 0; i < len; i++) {
                key[i] = (byte) (i * 7);
            }
            byte[] b = new byte[len + 4];
            System.arraycopy(key, 0, b, 2, len);
            assertTrue(ByteRangeCache.sameBytes(key, b, 2, len));
            assertFalse(ByteRangeCache.sameBytes(key, b, 2, len + 1));
            for (int i = 0; i < len; i++) {
                b[2 + i]++;
                assertFalse(ByteRangeCache.sameBytes(key, b, 2, len), "length " + len + ", byte " + i);
                b[2 + i]--;
            }
        }
    }
}
