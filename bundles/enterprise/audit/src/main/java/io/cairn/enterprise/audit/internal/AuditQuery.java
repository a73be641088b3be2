package io.cairn.enterprise.audit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which events a reader wants: event types (exact, or a prefix ending in {@code *}), actor, database,
 * and a time window ({@code since} inclusive, {@code until} exclusive); null or empty means any.
 */
record AuditQuery(List<String> eventTypes, String actor, String database, Instant since, Instant until) {
    /** Every event. */
    static final AuditQuery ALL = new AuditQuery(List.of(), null, null, null, null);
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.:@/-]+");

    AuditQuery {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
    }

    /** Returns whether a day file may hold matching events (an event is never in a file of an earlier day). */
    boolean mayMatch(LocalDate fileDay) {
        return since == null || !fileDay.isBefore(LocalDate.ofInstant(since, ZoneOffset.UTC));
    }

    /**
     * Returns false when a stored line cannot match without parsing it: the actor, the database and one of
     * the exact event types must appear in it literally (checked only for values JSON writes unescaped).
     */
    boolean mayMatch(String line) {
        if (plain(actor) && !line.contains("\"actor\":\"" + actor + "\"")) {
            return false;
        }
        if (plain(database) && !line.contains("\"database\":\"" + database + "\"")) {
            return false;
        }
        if (eventTypes.isEmpty() || eventTypes.stream().anyMatch(t -> !plain(t))) {
            return true;
        }
        return eventTypes.stream().anyMatch(t -> line.contains("\"event_type\":\"" + t + "\""));
    }

    private static boolean plain(String value) {
        return value != null && PLAIN.matcher(value).matches();
    }

    /** Returns whether a stored event matches. */
    boolean matches(JsonNode event) {
        if (!eventTypes.isEmpty() && !typeMatches(event.path("event_type").asText())) {
            return false;
        }
        if (actor != null && !actor.equals(event.path("actor").textValue())) {
            return false;
        }
        if (database != null && !database.equals(event.path("database").textValue())) {
            return false;
        }
        if (since != null || until != null) {
            Instant time;
            try {
                time = Instant.parse(event.path("time").asText());
            } catch (RuntimeException unreadable) {
                return false;
            }
            return (since == null || !time.isBefore(since)) && (until == null || time.isBefore(until));
        }
        return true;
    }

    private boolean typeMatches(String type) {
        for (String wanted : eventTypes) {
            if (wanted.endsWith("*") ? type.startsWith(wanted.substring(0, wanted.length() - 1)) : wanted.equals(type)) {
                return true;
            }
        }
        return false;
    }
}
