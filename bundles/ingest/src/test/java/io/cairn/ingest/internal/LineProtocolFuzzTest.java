package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.WriteBatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random bytes and mutated valid lines: the parser never throws, and what a whole body writes is
 * exactly the rows of the lines it accepted, each as that line alone parses — nothing of a
 * rejected line. Fixed seed, bounded iterations; the timeout only guards against a stall.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LineProtocolFuzzTest {
    private static final byte[] ALPHABET = "abcm=, \\\"\n\r#tfTFi u.-+e0123456789\t\u0001".getBytes(StandardCharsets.ISO_8859_1);
    private static final String[] VALID = {
        "cpu,host=a,region=eu usage=1.5,count=3i,ok=true,msg=\"hi, there\" 1700000000000000000",
        "my\\ cpu,t\\=k=v\\,x f\\ 1=-1e3,g=7u",
        "m,a=1,a=2 s=\"q\\\"uote\\\\\",b=F 42",
        "m f=1i -5",
        "m,h=x f=2.5,f=3.5",
    };

    private int acceptedLines;
    private int rejectedLines;

    @Test
    void randomBytesNeverThrowAndNeverWritePartOfALine() {
        Random random = new Random(20261124L);
        for (int round = 0; round < 3_000; round++) {
            byte[] body = new byte[random.nextInt(160)];
            for (int i = 0; i < body.length; i++) {
                body[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
            }
            checkConsistent(body);
        }
    }

    @Test
    void mutatedValidLinesNeverThrowAndNeverWritePartOfALine() {
        Random random = new Random(7L);
        for (int round = 0; round < 3_000; round++) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int lines = 1 + random.nextInt(6);
            for (int l = 0; l < lines; l++) {
                byte[] line = VALID[random.nextInt(VALID.length)].getBytes(StandardCharsets.UTF_8);
                int mutations = random.nextInt(4);
                for (int m = 0; m < mutations; m++) {
                    int at = random.nextInt(line.length);
                    switch (random.nextInt(3)) {
                        case 0 -> line[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                        case 1 -> line[at] = (byte) random.nextInt(256);
                        default -> line = cut(line, at);
                    }
                }
                body.writeBytes(line);
                body.write('\n');
            }
            checkConsistent(body.toByteArray());
        }
        assertTrue(acceptedLines > 1_000 && rejectedLines > 1_000, acceptedLines + " accepted, " + rejectedLines + " rejected");
    }

    private static byte[] cut(byte[] line, int at) {
        byte[] shorter = new byte[line.length - 1];
        System.arraycopy(line, 0, shorter, 0, at);
        System.arraycopy(line, at + 1, shorter, at, line.length - at - 1);
        return shorter.length == 0 ? line : shorter;
    }

    /** Checks a whole-body parse against parsing every line on its own. */
    private void checkConsistent(byte[] body) {
        LineProtocolParser whole = parse(body);
        Set<Integer> rejected = new HashSet<>();
        whole.rejections().forEach(r -> rejected.add(r.line()));
        List<String> expected = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                if (i == body.length && start == i) {
                    break;
                }
                lineNumber++;
                byte[] line = java.util.Arrays.copyOfRange(body, start, i);
                LineProtocolParser alone = parse(line);
                if (!alone.rejections().isEmpty()) {
                    assertTrue(rejected.contains(lineNumber), "a line rejected alone is rejected in the body");
                } else if (!rejected.contains(lineNumber)) {
                    expected.addAll(rows(alone));
                }
                start = i + 1;
            }
        }
        List<String> actual = rows(whole);
        acceptedLines += whole.accepted();
        rejectedLines += whole.rejections().size();
        assertEquals(whole.accepted(), actual.size());
        assertEquals(sorted(expected), sorted(actual), () -> new String(body, StandardCharsets.ISO_8859_1));
    }

    private static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        copy.sort(null);
        return copy;
    }

    private static LineProtocolParser parse(byte[] body) {
        return LineProtocolParserTest.parse(body, Precision.NANOSECONDS, LineAdmission.NONE);
    }

    private static List<String> rows(LineProtocolParser p) {
        List<String> rows = new ArrayList<>();
        for (WriteBatch.Builder builder : p.builders().values()) {
            WriteBatch b = builder.build();
            for (int r = 0; r < b.size(); r++) {
                TreeMap<String, Object> values = new TreeMap<>();
                for (FieldColumn c : b.fields()) {
                    if (c.isPresent(r)) {
                        values.put(c.name(), c.valueAt(r));
                    }
                }
                assertTrue(!values.isEmpty(), "every written row has a field");
                rows.add(b.measurement() + b.tags(r) + values + b.time(r));
            }
        }
        return rows;
    }
}
