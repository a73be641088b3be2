package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RepeatedNamesTest {
    private static String get(RepeatedNames names, String padded, int from, int len) {
        return names.get(padded.getBytes(StandardCharsets.ISO_8859_1), from, len);
    }

    @Test
    void aRepeatedNameIsOneString() {
        RepeatedNames names = new RepeatedNames(64);
        String first = get(names, "xx eu-west-1 yy", 3, 9);
        assertEquals("eu-west-1", first);
        assertSame(first, get(names, "eu-west-1,", 0, 9));
    }

    @Test
    void namesSharingASlotAreEachDecodedRight() {
        RepeatedNames names = new RepeatedNames(16);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 200; i++) {
                String name = "cust_" + i;
                assertEquals(name, get(names, "," + name + ",", 1, name.length()));
            }
        }
        assertEquals("cust_1", get(names, "cust_12", 0, 6));
    }

    @Test
    void longNamesAreDecodedButNotKept() {
        RepeatedNames names = new RepeatedNames(16);
        String longName = "n".repeat(RepeatedNames.MAX_LENGTH + 1);
        String first = get(names, longName, 0, longName.length());
        assertEquals(longName, first);
        assertEquals(longName, get(names, longName, 0, longName.length()));
    }
}
