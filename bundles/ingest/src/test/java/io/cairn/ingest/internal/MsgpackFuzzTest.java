package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.WriteBatch;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random bytes and mutated valid payloads never throw out of the MessagePack write and never write on a 400. */
class MsgpackFuzzTest {
    @Test
    void mutatedAndRandomPayloadsAreAnsweredWithoutThrowing() throws Exception {
        byte[] valid = MsgpackWriteServletTest.pack(p -> {
            p.packMapHeader(1).packString("batch").packArrayHeader(2);
            MsgpackWriteServletTest.columnar(p);
            MsgpackWriteServletTest.rowItem(p, "mem", 3L);
        });
        List<WriteBatch> written = new ArrayList<>();
        MsgpackWriter writer = new MsgpackWriter(written::addAll, new SeriesCatalogStub(),
                new ValidationLimits(256, 0, 0, 64, 256, 1024, 1_000_000), 1 << 16,
                Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
        Random random = new Random(42);
        int handled = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] payload;
            switch (i % 3) {
                case 0 -> {
                    payload = valid.clone();
                    for (int k = 1 + random.nextInt(4); k > 0; k--) {
                        payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
                    }
                }
                case 1 -> payload = Arrays.copyOf(valid, random.nextInt(valid.length + 8));
                default -> {
                    payload = new byte[random.nextInt(64)];
                    random.nextBytes(payload);
                }
            }
            written.clear();
            MsgpackWriteOutcome outcome = writer.write("db", new ByteArrayInputStream(payload), null);
            if (outcome.failure() == MsgpackWriteOutcome.Failure.NONE) {
                int rows = written.stream().mapToInt(WriteBatch::size).sum();
                assertEquals(outcome.accepted(), rows);
                handled++;
            } else {
                assertTrue(written.isEmpty());
                assertTrue(outcome.failure() == MsgpackWriteOutcome.Failure.INVALID_MSGPACK
                        || outcome.failure() == MsgpackWriteOutcome.Failure.TOO_LARGE, outcome.toString());
            }
        }
        assertTrue(handled > 0, "some mutated payloads stay readable");
    }

    /** A catalog without a store. */
    private static final class SeriesCatalogStub implements SeriesCatalog {
        @Override
        public io.cairn.api.store.TimeSeriesStore store() {
            return null;
        }

        @Override
        public java.util.Set<io.cairn.api.model.Tags> pendingSeries(String database, String measurement) {
            return java.util.Set.of();
        }
    }
}
