package io.cairn.enterprise.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the log back: filters, newest first, limit and offset, counts by type, parameter errors. */
class AuditSearchTest {
    @TempDir
    Path dir;
    private final TestClock clock = new TestClock("2026-11-23T23:59:50Z");
    private AuditTrail trail;

    @BeforeEach
    void fill() throws Exception {
        trail = TestTrails.open(dir, clock);
        TestTrails.writes(trail, clock, "tok-a", "metrics", 20);
        TestTrails.writes(trail, clock, "tok-b", "logs", 5);
        trail.record(new AuditRecord(clock.instant(), "token.created", "bootstrap-admin", "192.0.2.9", null,
                AuditRecord.SUCCESS, Map.of("method", "POST", "path", "/api/v1/auth/tokens", "status", 201)));
        trail.close();
    }

    private static List<Long> seqs(AuditSearch.Page page) {
        return page.events().stream().map(e -> e.get("seq").asLong()).toList();
    }

    @Test
    void newestFirstAcrossDayFilesWithLimitAndOffset() throws Exception {
        AuditSearch.Page page = trail.search().find(AuditQuery.ALL, 3, 0);
        assertEquals(List.of(26L, 25L, 24L), seqs(page));
        assertTrue(page.more());
        assertEquals(List.of(12L, 11L, 10L), seqs(trail.search().find(AuditQuery.ALL, 3, 14)));
        AuditSearch.Page last = trail.search().find(AuditQuery.ALL, 10, 20);
        assertEquals(List.of(6L, 5L, 4L, 3L, 2L, 1L), seqs(last));
        assertFalse(last.more());
    }

    @Test
    void filtersByTypeActorDatabaseAndWindow() throws Exception {
        AuditSearch search = trail.search();
        JsonNode token = search.find(new AuditQuery(List.of("token.*"), null, null, null, null), 10, 0).events().get(0);
        assertEquals("bootstrap-admin", token.get("actor").asText());
        AuditQuery created = new AuditQuery(List.of("token.created"), null, null, null, null);
        assertEquals(1, search.find(created, 10, 0).events().size());
        assertEquals(5, search.find(new AuditQuery(List.of(), "tok-b", null, null, null), 100, 0).events().size());
        assertEquals(20, search.find(new AuditQuery(List.of(), null, "metrics", null, null), 100, 0).events().size());
        assertEquals(0, search.find(new AuditQuery(List.of(), "tok-b", "metrics", null, null), 100, 0).events().size());
        // 23:59:50 + i seconds: the first 10 events fall on the 23rd, the window [00:00:00, 00:00:05) holds 5
        AuditQuery window = new AuditQuery(List.of(), null, null, Instant.parse("2026-11-24T00:00:00Z"),
                Instant.parse("2026-11-24T00:00:05Z"));
        assertEquals(List.of(15L, 14L, 13L, 12L, 11L), seqs(search.find(window, 100, 0)));
    }

    @Test
    void countsByTypeOverAWindow() throws Exception {
        assertEquals(Map.of("data.write", 25L, "token.created", 1L), trail.search().countByType(AuditQuery.ALL));
        AuditQuery firstDay = new AuditQuery(List.of(), null, null, null, Instant.parse("2026-11-24T00:00:00Z"));
        assertEquals(Map.of("data.write", 10L), trail.search().countByType(firstDay));
    }

    @Test
    void parametersAcceptRfc3339AndEpochMillisAndRefuseNonsenseNamingTheField() throws Exception {
        Map<String, String> given = new HashMap<>(Map.of("since", "2026-11-24T00:00:00Z", "until", "1795564800000",
                "event_type", "data.write, token.*", "limit", "10000", "offset", "7"));
        AuditParameters p = new AuditParameters(given::get);
        AuditQuery q = p.query();
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), q.since());
        assertEquals(Instant.ofEpochMilli(1795564800000L), q.until());
        assertEquals(List.of("data.write", "token.*"), q.eventTypes());
        assertEquals(10_000, p.limit());
        assertEquals(7, p.offset());
        assertEquals(100, new AuditParameters(name -> null).limit());

        for (Map.Entry<String, String> bad : Map.of("since", "yesterday", "until", "2026-13-01T00:00:00Z",
                "limit", "10001", "offset", "-1").entrySet()) {
            AuditParameters wrong = new AuditParameters(Map.of(bad.getKey(), bad.getValue())::get);
            InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> {
                wrong.query();
                wrong.limit();
                wrong.offset();
            });
            assertEquals(bad.getKey(), e.field());
        }
        AuditParameters backwards = new AuditParameters(Map.of("since", "2026-11-24T00:00:00Z",
                "until", "2026-11-23T00:00:00Z")::get);
        assertEquals("until", assertThrows(InvalidQueryException.class, backwards::window).field());
    }
}
