package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.api.model.Tags;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Key building against the plain definition (UTF-8 of the parts joined by zero bytes), and key recognition. */
class KeysTest {
    private static final String[] ALPHABET = {"a", "Z", "0", "_", "é", "ß", "日本", "\uD83D\uDE00", "\uD800", " ", "=", ""};

    @Test
    void joinedPartsAreTheirUtf8JoinedByZeroBytes() {
        Random random = new Random(7);
        for (int round = 0; round < 5_000; round++) {
            String[] parts = new String[random.nextInt(6)];
            for (int p = 0; p < parts.length; p++) {
                StringBuilder b = new StringBuilder();
                int length = random.nextInt(12);
                boolean ascii = random.nextBoolean();
                for (int c = 0; c < length; c++) {
                    b.append(ALPHABET[random.nextInt(ascii ? 4 : ALPHABET.length)]);
                }
                parts[p] = b.toString();
            }
            assertArrayEquals(String.join("\0", parts).getBytes(StandardCharsets.UTF_8), Keys.join(parts),
                    String.join("|", parts));
        }
    }

    @Test
    void seriesKeyOfNonAsciiTagsIsTheirUtf8() {
        Tags tags = Tags.of("région", "Zürich", "host", "h-1");
        assertArrayEquals("db\0cpu\0host\0h-1\0région\0Zürich".getBytes(StandardCharsets.UTF_8),
                Keys.seriesKey("db", "cpu", tags));
    }

    @Test
    void aSeriesKeyIsRecognisedAsTheKeyOfItsSeriesOnly() {
        Random random = new Random(11);
        for (int round = 0; round < 3_000; round++) {
            Tags a = randomTags(random);
            Tags b = random.nextInt(4) == 0 ? a : randomTags(random);
            String dbA = random.nextBoolean() ? "db" : "d";
            String dbB = random.nextInt(8) == 0 ? "d" : dbA;
            byte[] key = Keys.seriesKey(dbA, "cpu", a);
            boolean same = Arrays.equals(key, Keys.seriesKey(dbB, "cpu", b));
            assertEquals(same, Keys.isSeriesKeyOf(key, dbB, "cpu", b), a + " / " + b);
        }
    }

    private static Tags randomTags(Random random) {
        String[] pairs = new String[2 * random.nextInt(4)];
        for (int i = 0; i < pairs.length; i++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(4) == 0 ? 200 + random.nextInt(200) : random.nextInt(4);
            for (int c = 0; c < length; c++) {
                b.append(ALPHABET[random.nextInt(random.nextInt(5) == 0 ? ALPHABET.length : 3)]);
            }
            pairs[i] = b.toString();
        }
        return Tags.of(pairs);
    }
}
