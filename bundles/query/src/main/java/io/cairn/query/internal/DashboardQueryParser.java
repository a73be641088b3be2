package io.cairn.query.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the JSON body of {@code POST /api/v1/query} into a {@link DashboardQuery}, rejecting a bad
 * query with INVALID_QUERY naming the field at fault (e.g. {@code timeRange.start}). Unknown
 * members are ignored. A {@code limit} or {@code timeout} above the server's maximum is lowered to
 * it; a time range longer than the maximum, or an interval giving more buckets than the maximum
 * number of points, is rejected. Times are epoch milliseconds or RFC 3339; the range is half-open,
 * [start, end). Thread safe.
 */
final class DashboardQueryParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NANOS_PER_MS = 1_000_000L;

    private final QueryLimits limits;
    private final Clock clock;

    DashboardQueryParser(QueryLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Parses a request body for a database. */
    DashboardQuery parse(byte[] body, String database) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw QueryException.invalid("body", "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw QueryException.invalid("body", "unreadable body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw QueryException.invalid("body", "the body must be a JSON object");
        }
        QueryType type = queryType(root);
        String metric = requiredText(root, "metricName");
        String field = root.hasNonNull("field") ? requiredText(root, "field") : "value";
        long[] range = timeRange(root.get("timeRange"));
        Map<String, Set<String>> filters = filters(root.get("filters"));
        AggregationKind aggregation = switch (type) {
            case RANGE -> null;
            case RATE -> AggregationKind.RATE;
            case AGGREGATE -> aggregation(root.get("aggregation"));
        };
        List<String> groupBy = groupBy(root.get("groupBy"));
        long interval = root.hasNonNull("interval") ? positiveDuration(root.get("interval"), "interval") : 0;
        if (interval > 0 && type != QueryType.RANGE) {
            checkBuckets(range, interval);
        }
        int limit = limit(root.get("limit"));
        long timeout = root.hasNonNull("timeout")
                ? Math.max(1, positiveDuration(root.get("timeout"), "timeout") / NANOS_PER_MS)
                : limits.defaultTimeoutMillis();
        return new DashboardQuery(database, type, metric, field, range[0], range[1], filters, aggregation,
                type == QueryType.RANGE ? List.of() : groupBy, type == QueryType.RANGE ? 0 : interval, limit,
                Math.min(timeout, limits.maxTimeoutMillis()));
    }

    private static QueryType queryType(JsonNode root) {
        String name = requiredText(root, "queryType");
        QueryType type = QueryType.ofJsonName(name);
        if (type == null) {
            throw QueryException.invalid("queryType", "unknown queryType '" + name + "'; use range, aggregate or rate");
        }
        return type;
    }

    private static String requiredText(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            throw QueryException.invalid(name, name + " is required");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw QueryException.invalid(name, name + " must be a non-empty string");
        }
        return node.asText();
    }

    private long[] timeRange(JsonNode node) {
        if (node == null || node.isNull()) {
            throw QueryException.invalid("timeRange", "timeRange is required: {\"relative\":\"15m\"} or {\"start\",\"end\"}");
        }
        if (!node.isObject()) {
            throw QueryException.invalid("timeRange", "timeRange must be an object");
        }
        long now = nowNanos();
        long start;
        long end;
        if (node.hasNonNull("relative")) {
            if (node.has("start") || node.has("end")) {
                throw QueryException.invalid("timeRange", "give either relative or start and end, not both");
            }
            end = now;
            start = end - positiveDuration(node.get("relative"), "timeRange.relative");
        } else if (node.hasNonNull("start")) {
            start = instant(node.get("start"), "timeRange.start");
            end = node.hasNonNull("end") ? instant(node.get("end"), "timeRange.end") : now;
            if (start >= end) {
                throw QueryException.invalid("timeRange.start", "timeRange.start must be before timeRange.end");
            }
        } else {
            throw QueryException.invalid("timeRange.start", "timeRange needs start (and end) or relative");
        }
        if (end - start < 0 || end - start > limits.maxRangeNanos()) {
            throw QueryException.invalid("timeRange", "the time range exceeds the maximum of "
                    + limits.maxRangeNanos() / 86_400_000_000_000L + " days");
        }
        return new long[] {start, end};
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static long instant(JsonNode node, String field) {
        try {
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                return Math.multiplyExact(node.asLong(), NANOS_PER_MS);
            }
            if (node.isTextual()) {
                String text = node.asText().trim();
                if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
                    return Math.multiplyExact(Long.parseLong(text), NANOS_PER_MS);
                }
                String iso = text.toUpperCase(Locale.ROOT).replace(' ', 'T');
                Instant t = OffsetDateTime.parse(iso).toInstant();
                return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw QueryException.invalid(field, field + " '" + node.asText() + "' is not an RFC 3339 time or epoch milliseconds");
        }
        throw QueryException.invalid(field, field + " must be an RFC 3339 string or epoch milliseconds");
    }

    private static long positiveDuration(JsonNode node, String field) {
        long nanos;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            try {
                nanos = Math.multiplyExact(node.asLong(), NANOS_PER_MS);
            } catch (ArithmeticException e) {
                throw QueryException.invalid(field, field + " is too long");
            }
        } else if (node.isTextual()) {
            try {
                nanos = Durations.parseNanos(node.asText().trim());
            } catch (IllegalArgumentException e) {
                throw QueryException.invalid(field, field + ": " + e.getMessage());
            }
        } else {
            throw QueryException.invalid(field, field + " must be a duration string such as \"5m\" or milliseconds");
        }
        if (nanos <= 0) {
            throw QueryException.invalid(field, field + " must be positive");
        }
        return nanos;
    }

    private static Map<String, Set<String>> filters(JsonNode node) {
        Map<String, Set<String>> filters = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return filters;
        }
        if (!node.isObject()) {
            throw QueryException.invalid("filters", "filters must be an object of dimension to value or list of values");
        }
        node.fields().forEachRemaining(e -> {
            String field = "filters." + e.getKey();
            Set<String> values = new LinkedHashSet<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> values.add(scalarText(v, field)));
            } else {
                values.add(scalarText(e.getValue(), field));
            }
            if (values.isEmpty()) {
                throw QueryException.invalid(field, field + " must list at least one value");
            }
            filters.put(e.getKey(), values);
        });
        return filters;
    }

    private static String scalarText(JsonNode v, String field) {
        if (!v.isValueNode() || v.isNull()) {
            throw QueryException.invalid(field, field + " values must be strings");
        }
        return v.asText();
    }

    private static AggregationKind aggregation(JsonNode node) {
        if (node == null || node.isNull()) {
            throw QueryException.invalid("aggregation", "aggregation is required for an aggregate query");
        }
        AggregationKind kind = node.isTextual() ? AggregationKind.ofJsonName(node.asText().toLowerCase(Locale.ROOT)) : null;
        if (kind == null) {
            throw QueryException.invalid("aggregation", "unknown aggregation '" + node.asText()
                    + "'; use avg, sum, count, min, max, p50, p95, p99 or integral");
        }
        return kind;
    }

    private static List<String> groupBy(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        if (node.isTextual()) {
            keys.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(k -> {
                if (!k.isTextual() || k.asText().isEmpty()) {
                    throw QueryException.invalid("groupBy", "groupBy must be a list of dimension names");
                }
                keys.add(k.asText());
            });
        } else {
            throw QueryException.invalid("groupBy", "groupBy must be a list of dimension names");
        }
        return new ArrayList<>(keys);
    }

    private void checkBuckets(long[] range, long interval) {
        long buckets = Math.floorDiv(range[1] - 1, interval) - Math.floorDiv(range[0], interval) + 1;
        if (buckets > limits.maxPoints()) {
            throw QueryException.invalid("interval", "interval produces " + buckets + " buckets, more than the maximum of "
                    + limits.maxPoints() + "; use a longer interval");
        }
    }

    private int limit(JsonNode node) {
        if (node == null || node.isNull()) {
            return limits.maxPoints();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() <= 0) {
            throw QueryException.invalid("limit", "limit must be a positive integer");
        }
        return (int) Math.min(node.asLong(), limits.maxPoints());
    }
}
