package io.cairn.enterprise.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash chain over real day files: it verifies, and each kind of tampering breaks it at the right event. */
class ChainVerifierTest {
    @TempDir
    Path dir;
    private final TestClock clock = new TestClock("2026-11-24T10:00:00Z");

    private Path fiveEvents() throws Exception {
        AuditTrail trail = TestTrails.open(dir, clock);
        TestTrails.writes(trail, clock, "tok-1", "metrics", 5);
        trail.close();
        return TestTrails.onlyFile(dir);
    }

    private ChainVerifier.Result verifyFresh() throws Exception {
        AuditTrail trail = new AuditTrail(dir, TestTrails.settings(10, 90, false), clock);
        try {
            return trail.verify();
        } finally {
            trail.close();
        }
    }

    @Test
    void anUntouchedChainVerifiesAndLinksEachEventToThePreviousOne() throws Exception {
        Path file = fiveEvents();
        assertEquals("audit-2026-11-24.jsonl", file.getFileName().toString());
        List<String> lines = Files.readAllLines(file);
        assertEquals(5, lines.size());
        JsonNode first = EventCodec.parse(lines.get(0));
        JsonNode second = EventCodec.parse(lines.get(1));
        assertEquals(1, first.get("seq").asLong());
        assertEquals(EventCodec.GENESIS, first.get("prev_hash").asText());
        assertEquals(first.get("hash").asText(), second.get("prev_hash").asText());
        assertEquals("2026-11-24T10:00:01.000000000Z", second.get("time").asText());
        assertEquals("data.write", second.get("event_type").asText());

        ChainVerifier.Result result = verifyFresh();
        assertTrue(result.valid(), () -> String.valueOf(result.broken()));
        assertEquals(5, result.events());
    }

    @Test
    void editingOneByteOfOneEventsDetailBreaksTheChainAtThatEvent() throws Exception {
        Path file = fiveEvents();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String edited = lines.get(2).replace("\"status\":204", "\"status\":404");
        assertNotEquals(lines.get(2), edited);
        lines.set(2, edited);
        Files.write(file, lines);

        ChainVerifier.Result result = verifyFresh();
        assertFalse(result.valid());
        assertEquals(3, result.broken().seq());
        assertEquals(3, result.broken().line());
        assertEquals("audit-2026-11-24.jsonl", result.broken().file());
        assertEquals(2, result.events());
        assertTrue(result.broken().reason().contains("changed"), result.broken().reason());
    }

    @Test
    void aRecomputedHashStillBreaksTheLinkToTheNextEvent() throws Exception {
        Path file = fiveEvents();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        JsonNode event = EventCodec.parse(lines.get(1));
        String forged = lines.get(1).replace("tok-1", "tok-9");
        JsonNode forgedNode = EventCodec.parse(forged);
        String forgedHash = EventCodec.expectedHash(event.get("prev_hash").asText(), forgedNode);
        lines.set(1, forged.replace(event.get("hash").asText(), forgedHash));
        Files.write(file, lines);

        ChainVerifier.Result result = verifyFresh();
        assertEquals(3, result.broken().seq());
        assertTrue(result.broken().reason().contains("prev_hash"), result.broken().reason());
    }

    @Test
    void deletingALineBreaksTheChainWhereItWas() throws Exception {
        Path file = fiveEvents();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(2);
        Files.write(file, lines);

        ChainVerifier.Result result = verifyFresh();
        assertFalse(result.valid());
        assertEquals(3, result.broken().line());
        assertEquals(4, result.broken().seq());
        assertEquals(2, result.events());
    }

    @Test
    void reorderingTwoLinesBreaksTheChainAtTheFirstOfThem() throws Exception {
        Path file = fiveEvents();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        Collections.swap(lines, 1, 2);
        Files.write(file, lines);

        ChainVerifier.Result result = verifyFresh();
        assertEquals(2, result.broken().line());
        assertEquals(3, result.broken().seq());
    }

    @Test
    void cuttingEventsOffTheEndIsNoticedWhileTheWriterRemembersThem() throws Exception {
        AuditTrail trail = TestTrails.open(dir, clock);
        TestTrails.writes(trail, clock, "tok-1", "metrics", 5);
        trail.close();
        Path file = TestTrails.onlyFile(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        Files.write(file, lines.subList(0, 3));

        ChainVerifier.Result result = trail.verify();
        assertFalse(result.valid());
        assertEquals(4, result.broken().seq());
        assertEquals(4, result.broken().line());
    }

    @Test
    void aRestartContinuesTheChainInTheSameFile() throws Exception {
        AuditTrail first = TestTrails.open(dir, clock);
        TestTrails.writes(first, clock, "tok-1", "metrics", 3);
        first.close();
        AuditTrail second = TestTrails.open(dir, clock);
        TestTrails.writes(second, clock, "tok-2", "metrics", 2);
        second.close();

        List<String> lines = Files.readAllLines(TestTrails.onlyFile(dir));
        assertEquals(5, lines.size());
        JsonNode fourth = EventCodec.parse(lines.get(3));
        assertEquals(4, fourth.get("seq").asLong());
        assertEquals("tok-2", fourth.get("actor").asText());
        assertEquals(EventCodec.parse(lines.get(2)).get("hash").asText(), fourth.get("prev_hash").asText());
        assertTrue(verifyFresh().valid());
        assertEquals(5, verifyFresh().events());
    }

    @Test
    void anUnfinishedLastLineIsCutAtStartAndTheChainContinues() throws Exception {
        Path file = fiveEvents();
        Files.writeString(file, "{\"seq\":6,\"time\":\"2026-", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        AuditTrail trail = TestTrails.open(dir, clock);
        TestTrails.writes(trail, clock, "tok-1", "metrics", 1);
        trail.close();

        List<String> lines = Files.readAllLines(file);
        assertEquals(6, lines.size());
        assertEquals(6, EventCodec.parse(lines.get(5)).get("seq").asLong());
        assertTrue(verifyFresh().valid());
    }

    @Test
    void eventsOfANewDayGoToANewFileAndTheChainCrossesFiles() throws Exception {
        AuditTrail trail = TestTrails.open(dir, clock);
        TestTrails.writes(trail, clock, "tok-1", "metrics", 2);
        trail.close();
        clock.set("2026-11-25T00:00:05Z");
        trail = TestTrails.open(dir, clock);
        TestTrails.writes(trail, clock, "tok-1", "metrics", 2);
        trail.close();

        assertEquals(2, Files.readAllLines(dir.resolve("audit-2026-11-24.jsonl")).size());
        assertEquals(2, Files.readAllLines(dir.resolve("audit-2026-11-25.jsonl")).size());
        ChainVerifier.Result result = verifyFresh();
        assertTrue(result.valid());
        assertEquals(4, result.events());
    }

    @Test
    void deletingAWholeDayFileInTheMiddleBreaksTheChainAtTheNextFile() throws Exception {
        for (String day : new String[] {"2026-11-22", "2026-11-23", "2026-11-24"}) {
            clock.set(day + "T08:00:00Z");
            AuditTrail trail = TestTrails.open(dir, clock);
            TestTrails.writes(trail, clock, "tok-1", "metrics", 2);
            trail.close();
        }
        Files.delete(dir.resolve("audit-2026-11-23.jsonl"));

        ChainVerifier.Result result = verifyFresh();
        assertFalse(result.valid());
        assertEquals("audit-2026-11-24.jsonl", result.broken().file());
        assertEquals(1, result.broken().line());
        assertEquals(5, result.broken().seq());
        assertEquals(2, result.events());
    }

    @Test
    void deletingEveryFileWhileRunningIsABreakNotAnEmptyValidLog() throws Exception {
        AuditTrail trail = TestTrails.open(dir, clock);
        try {
            TestTrails.writes(trail, clock, "tok-1", "metrics", 3);
            for (int i = 0; i < 500 && trail.counters().written() < 3; i++) {
                Thread.sleep(10);
            }
            assertEquals(3, trail.counters().written());
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                    Files.delete(f);
                }
            }
            ChainVerifier.Result result = trail.verify();
            assertFalse(result.valid());
            assertEquals(1, result.broken().seq());
            assertEquals(0, result.events());
        } finally {
            trail.close();
        }
    }
}
