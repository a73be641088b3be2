package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineCountEstimateTest {
    private static byte[] lines(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("cpu,host=h").append(i % 7).append(" usage=").append(i).append("i ").append(i).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWholeBodyCountsItsLinesWithOrWithoutAFinalNewline() {
        byte[] body = lines(300);
        assertEquals(300, LineCountEstimate.lines(body, body.length, 0));
        assertEquals(300, LineCountEstimate.lines(body, body.length - 1, 0));
        assertEquals(1, LineCountEstimate.lines(new byte[0], 0, 0));
    }

    @Test
    void aFirstChunkIsScaledToTheBytesAvailableWithoutFallingShort() {
        byte[] body = lines(5000);
        int chunk = 1 << 16;
        int estimate = LineCountEstimate.lines(body, chunk, body.length - chunk);
        assertTrue(estimate >= 5000 && estimate <= 5400, "estimate " + estimate);
    }

    @Test
    void manyEmptyLinesCannotAskForHugeArrays() {
        byte[] newlines = new byte[1 << 16];
        java.util.Arrays.fill(newlines, (byte) '\n');
        assertEquals(LineCountEstimate.MAX_LINES, LineCountEstimate.lines(newlines, newlines.length, Integer.MAX_VALUE));
    }
}
