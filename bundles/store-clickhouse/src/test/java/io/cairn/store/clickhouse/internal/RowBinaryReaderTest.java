package io.cairn.store.clickhouse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.store.StoreUnavailableException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A corrupt string length in a RowBinary response is the store's unavailability, never an index error or a huge array. */
class RowBinaryReaderTest {
    private static RowBinaryReader reader(int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        RowBinaryReader r = new RowBinaryReader(new ByteArrayInputStream(data));
        assertTrue(r.nextRow());
        return r;
    }

    @Test
    void aStringIsReadByItsLength() {
        assertEquals("abc", reader(1, 3, 'a', 'b', 'c').string());
        String big = "x".repeat(200_000);
        byte[] text = big.getBytes(StandardCharsets.UTF_8);
        int[] bytes = new int[4 + text.length];
        bytes[0] = 1;
        bytes[1] = 0x80 | (text.length & 0x7f);
        bytes[2] = 0x80 | (text.length >> 7 & 0x7f);
        bytes[3] = text.length >> 14;
        for (int i = 0; i < text.length; i++) {
            bytes[4 + i] = text[i];
        }
        assertEquals(big, reader(bytes).string());
    }

    @Test
    void aLengthThatWouldBeNegativeIsACorruptResponse() {
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> reader(1, 0xff, 0xff, 0xff, 0xff, 0x0f, 'a').string());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void aLengthOfMoreThanFiveBytesIsACorruptResponse() {
        assertThrows(StoreUnavailableException.class, () -> reader(1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).string());
    }

    @Test
    void aHugeLengthWithFewBytesBehindItIsACutResponse() {
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> reader(1, 0xf0, 0xff, 0xff, 0xff, 0x07, 'a', 'b').string());
        assertTrue(e.getMessage().contains("ended inside a row"), e.getMessage());
    }
}
