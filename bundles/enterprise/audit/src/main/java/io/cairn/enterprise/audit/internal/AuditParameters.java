package io.cairn.enterprise.audit.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Reads the audit API's query parameters: filters, time window, limit and offset. */
final class AuditParameters {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    private final Function<String, String> parameters;

    /** Reads parameters through {@code parameters} (name to value, null when absent). */
    AuditParameters(Function<String, String> parameters) {
        this.parameters = parameters;
    }

    /** The filters and window of {@code /api/v1/audit/logs}. */
    AuditQuery query() throws InvalidQueryException {
        String types = value("event_type");
        List<String> eventTypes = types == null ? List.of()
                : Arrays.stream(types.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        Instant since = time("since");
        Instant until = time("until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw new InvalidQueryException("until", "until must be later than since");
        }
        return new AuditQuery(eventTypes, value("actor"), value("database"), since, until);
    }

    /** The window of {@code /api/v1/audit/stats}. */
    AuditQuery window() throws InvalidQueryException {
        Instant since = time("since");
        Instant until = time("until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw new InvalidQueryException("until", "until must be later than since");
        }
        return new AuditQuery(List.of(), null, null, since, until);
    }

    int limit() throws InvalidQueryException {
        return number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    int offset() throws InvalidQueryException {
        return number("offset", 0, 0, 1_000_000);
    }

    private int number(String name, int fallback, int min, int max) throws InvalidQueryException {
        String text = value(name);
        if (text == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidQueryException(name, name + " must be a whole number from " + min + " to " + max);
    }

    /** An RFC 3339 time or epoch milliseconds. */
    private Instant time(String name) throws InvalidQueryException {
        String text = value(name);
        if (text == null) {
            return null;
        }
        if (text.matches("-?\\d{1,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(name, name + " must be an RFC 3339 time (2026-11-24T10:00:00Z) "
                    + "or epoch milliseconds");
        }
    }

    private String value(String name) {
        String v = parameters.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
