package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteSearchTest {
    private static final byte[] ALPHABET = "ab =,\\\n\u00e9x".getBytes(StandardCharsets.UTF_8);

    @Test
    void wordAtATimeSearchesFindWhatAByteByByteScanFinds() {
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(4) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) ('c' + random.nextInt(3));
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            String shown = new String(b, StandardCharsets.ISO_8859_1) + " [" + from + "," + to + ")";
            assertEquals(newline(b, from, to), ByteSearch.newline(b, from, to), shown);
            assertEquals(escaped(b, from, to, " "), ByteSearch.unescapedSpace(b, from, to), shown);
            assertEquals(escaped(b, from, to, "=, "), ByteSearch.keyEnd(b, from, to), shown);
        }
    }

    @Test
    void delimitersAfterEscapesAndNonAsciiBytesAreFound() {
        byte[] line = "cpu,host=a\\ b,zone=\u00e9\u00e9\u00e9\u00e9\u00e9 usage=1i".getBytes(StandardCharsets.UTF_8);
        int space = "cpu,host=a\\ b,zone=".length() + 10;
        assertEquals(' ', line[space]);
        assertEquals(space, ByteSearch.unescapedSpace(line, 0, line.length));
        byte[] trailing = "abcdefghij\\".getBytes(StandardCharsets.UTF_8);
        assertEquals(trailing.length + 1, ByteSearch.unescapedSpace(trailing, 0, trailing.length));
        byte[] key = "usage_guest_nice=3i".getBytes(StandardCharsets.UTF_8);
        assertEquals(16, ByteSearch.keyEnd(key, 0, key.length));
    }

    private static int newline(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] != '\n') {
            i++;
        }
        return i;
    }

    private static int escaped(byte[] b, int from, int to, String stops) {
        int i = from;
        while (i < to && stops.indexOf(b[i]) < 0) {
            i += b[i] == '\\' ? 2 : 1;
        }
        return i;
    }
}
