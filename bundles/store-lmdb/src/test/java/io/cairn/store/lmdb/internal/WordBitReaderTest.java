package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-wise bit reader reads back random codes of every width that the byte-wise writer wrote. */
class WordBitReaderTest {
    @Test
    void readsWhatTheWriterWroteAtEveryWidthAndOffset() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            int count = 1 + random.nextInt(300);
            int[] widths = new int[count];
            long[] values = new long[count];
            BitWriter w = new BitWriter(16);
            int offset = random.nextInt(5);
            for (int i = 0; i < offset; i++) {
                w.writeBits(0xA5, 8);
            }
            for (int i = 0; i < count; i++) {
                widths[i] = random.nextInt(8) == 0 ? -1 - random.nextInt(5) : random.nextInt(65);
                if (widths[i] < 0) {
                    int ones = -widths[i] - 1;
                    for (int b = 0; b < ones; b++) {
                        w.writeBit(true);
                    }
                    if (ones < 4) {
                        w.writeBit(false);
                    }
                    values[i] = ones;
                } else {
                    values[i] = widths[i] == 64 ? random.nextLong()
                            : widths[i] == 0 ? 0 : random.nextLong() & ((1L << widths[i]) - 1);
                    w.writeBits(values[i], widths[i]);
                }
            }
            WordBitReader r = new WordBitReader(w.toByteArray(), offset);
            for (int i = 0; i < count; i++) {
                long read = widths[i] < 0 ? prefix(r) : widths[i] == 1 ? (r.readBit() ? 1 : 0)
                        : widths[i] <= 56 && i % 2 == 0 ? peeked(r, widths[i]) : r.readBits(widths[i]);
                assertEquals(values[i], read, "code " + i + " of width " + widths[i] + " in round " + round);
            }
        }
    }

    /** Reads a field of up to 56 bits with peekOnes and take. */
    private static long peeked(WordBitReader r, int width) {
        r.peekOnes(0, width);
        return r.take(0, width);
    }

    /** Reads a prefix of up to four ones (and its closing zero, if any) with peekOnes and take. */
    private static long prefix(WordBitReader r) {
        int ones = r.peekOnes(4, 5);
        r.take(ones < 4 ? ones + 1 : ones, 0);
        return ones;
    }
}
