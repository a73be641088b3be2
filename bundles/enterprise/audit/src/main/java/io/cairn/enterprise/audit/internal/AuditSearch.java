package io.cairn.enterprise.audit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the audit log: matching events newest first, and counts by event type over a window. */
final class AuditSearch {
    /** A page of events, newest first, and whether older matching events follow. */
    record Page(List<JsonNode> events, boolean more) {
    }

    private final AuditLog log;

    AuditSearch(AuditLog log) {
        this.log = log;
    }

    /** Returns up to {@code limit} matching events after skipping the {@code offset} newest. */
    Page find(AuditQuery query, int limit, int offset) throws IOException {
        int wanted = offset + limit + 1;
        List<JsonNode> newestFirst = new ArrayList<>();
        List<AuditLog.DayFile> files = log.files();
        for (int i = files.size() - 1; i >= 0 && newestFirst.size() < wanted; i--) {
            AuditLog.DayFile file = files.get(i);
            if (!query.mayMatch(file.day())) {
                break;
            }
            int need = wanted - newestFirst.size();
            Deque<JsonNode> newest = new ArrayDeque<>();
            readIfPresent(file, (line, n) -> {
                JsonNode event = query.mayMatch(line) ? parse(line) : null;
                if (event != null && query.matches(event)) {
                    newest.addLast(event);
                    if (newest.size() > need) {
                        newest.removeFirst();
                    }
                }
                return true;
            });
            newest.descendingIterator().forEachRemaining(newestFirst::add);
        }
        boolean more = newestFirst.size() > offset + limit;
        List<JsonNode> page = offset >= newestFirst.size() ? List.of()
                : newestFirst.subList(offset, Math.min(newestFirst.size(), offset + limit));
        return new Page(List.copyOf(page), more);
    }

    /** Counts matching events by event type (sorted by type). */
    Map<String, Long> countByType(AuditQuery query) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (AuditLog.DayFile file : log.files()) {
            if (!query.mayMatch(file.day())) {
                continue;
            }
            readIfPresent(file, (line, n) -> {
                JsonNode event = parse(line);
                if (event != null && query.matches(event)) {
                    counts.merge(event.path("event_type").asText(), 1L, Long::sum);
                }
                return true;
            });
        }
        return counts;
    }

    /** Reads a day file; one that retention deleted meanwhile is skipped. */
    private static void readIfPresent(AuditLog.DayFile file, JsonLines.LineVisitor visitor) throws IOException {
        try {
            JsonLines.read(file.path(), visitor);
        } catch (NoSuchFileException deleted) {
            // deleted by retention while the search ran
        }
    }

    private static JsonNode parse(String line) {
        try {
            return EventCodec.parse(line);
        } catch (IOException unreadable) {
            return null;
        }
    }
}
