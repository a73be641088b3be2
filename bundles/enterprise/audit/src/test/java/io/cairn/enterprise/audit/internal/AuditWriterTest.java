package io.cairn.enterprise.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The buffer and the writer: a full buffer drops and counts instead of blocking; retention deletes old day files. */
class AuditWriterTest {
    @TempDir
    Path dir;
    private final TestClock clock = new TestClock("2026-11-24T10:00:00Z");

    private AuditRecord write(int i) {
        return new AuditRecord(clock.instant(), "data.write", "tok-" + i, "192.0.2.1", "metrics", AuditRecord.SUCCESS,
                Map.of("status", 204));
    }

    @Test
    void aFullBufferDropsAndCountsWithoutBlockingAndTheDropIsRecordedWhenWritingResumes() throws Exception {
        AuditLog log = new AuditLog(dir);
        AuditWriter writer = new AuditWriter(log, clock, 3, 100, 50, 90);
        int accepted = 0;
        for (int i = 0; i < 1000; i++) {
            accepted += writer.record(write(i)) ? 1 : 0;
        }
        assertEquals(3, accepted);
        AuditWriter.Counters stalled = writer.counters();
        assertEquals(3, stalled.buffered());
        assertEquals(997, stalled.dropped());
        assertEquals(0, stalled.written());

        writer.start();
        writer.close();
        assertEquals(4, writer.counters().written());
        List<String> lines = Files.readAllLines(TestTrails.onlyFile(dir));
        JsonNode dropped = EventCodec.parse(lines.get(0));
        assertEquals("audit.dropped", dropped.get("event_type").asText());
        assertEquals(997, dropped.get("detail").get("dropped").asLong());
        assertEquals("tok-0", EventCodec.parse(lines.get(1)).get("actor").asText());
        assertEquals("tok-2", EventCodec.parse(lines.get(3)).get("actor").asText());
        assertTrue(new ChainVerifier(log).verify(writer.lastSeq()).valid());
    }

    @Test
    void aRunningWriterFlushesWithinTheIntervalWithoutBeingClosed() throws Exception {
        AuditLog log = new AuditLog(dir);
        try (AuditWriter writer = new AuditWriter(log, clock, 100, 100, 20, 90).start()) {
            writer.record(write(1));
            writer.record(write(2));
            for (int i = 0; i < 500 && writer.counters().written() < 2; i++) {
                Thread.sleep(10);
            }
            assertEquals(2, writer.counters().written());
            assertEquals(0, writer.counters().buffered());
            assertEquals(2, Files.readAllLines(TestTrails.onlyFile(dir)).size());
        }
    }

    @Test
    void retentionDeletesWholeDayFilesOlderThanTheWindowAndTheKeptChainStillVerifies() throws Exception {
        for (String day : List.of("2026-08-01", "2026-08-25", "2026-08-26", "2026-11-20")) {
            clock.set(day + "T12:00:00Z");
            AuditWriter writer = new AuditWriter(new AuditLog(dir), clock, 100, 100, 20, 0).start();
            writer.record(write(1));
            writer.record(write(2));
            writer.close();
        }
        clock.set("2026-11-24T10:00:00Z");
        AuditLog log = new AuditLog(dir);
        AuditWriter writer = new AuditWriter(log, clock, 100, 100, 20, 90);
        writer.close();

        List<LocalDate> kept = log.files().stream().map(AuditLog.DayFile::day).toList();
        assertEquals(List.of(LocalDate.parse("2026-08-26"), LocalDate.parse("2026-11-20")), kept);
        ChainVerifier.Result result = new ChainVerifier(log).verify(writer.lastSeq());
        assertTrue(result.valid(), () -> String.valueOf(result.broken()));
        assertEquals(4, result.events());
        assertFalse(Files.exists(dir.resolve("audit-2026-08-25.jsonl")));
    }
}
