package io.cairn.ingest.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks the name, timestamp, value and dimensions of one JSON metric against
 * {@link ValidationLimits}; series-level checks (cardinality, field type) are {@link SeriesAdmission}'s.
 */
final class MetricValidator {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000;

    private final ValidationLimits limits;
    private final Clock clock;

    MetricValidator(ValidationLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    ValidationLimits limits() {
        return limits;
    }

    /** Returns the first rule the item breaks, or null when it is valid. */
    ItemError validate(MetricItem item) {
        ItemError error = checkName(item.name);
        if (error == null) {
            error = checkTimestamp(item.timestamp);
        }
        if (error == null) {
            error = checkValue(item.value);
        }
        if (error == null) {
            error = checkDimensions(item);
        }
        return error;
    }

    ItemError checkName(Object name) {
        if (!(name instanceof String s)) {
            return new ItemError(ItemError.INVALID_METRIC_NAME, name == null ? "name is missing" : "name must be a string");
        }
        if (s.isEmpty() || s.length() > limits.maxNameLength() || !NAME.matcher(s).matches()) {
            return new ItemError(ItemError.INVALID_METRIC_NAME, "name must match ^[a-zA-Z_][a-zA-Z0-9_]*$ and have 1 to "
                    + limits.maxNameLength() + " characters");
        }
        return null;
    }

    ItemError checkTimestamp(Object timestamp) {
        Long nanos = timeNanos(timestamp);
        if (nanos == null) {
            return new ItemError(ItemError.INVALID_TIMESTAMP, timestamp == null ? "timestamp is missing"
                    : "timestamp must be epoch milliseconds or an RFC 3339 string");
        }
        long now = clock.millis();
        long millis = Math.floorDiv(nanos, 1_000_000L);
        if (millis < now - limits.pastMillis() || millis > now + limits.futureMillis()) {
            return new ItemError(ItemError.INVALID_TIMESTAMP, "timestamp must lie between "
                    + Instant.ofEpochMilli(now - limits.pastMillis()) + " and " + Instant.ofEpochMilli(now + limits.futureMillis()));
        }
        return null;
    }

    /** Returns the time in nanoseconds since the epoch of a JSON timestamp, or null if it is not one. */
    static Long timeNanos(Object timestamp) {
        if (timestamp instanceof Long ms) {
            return Math.abs(ms) <= MAX_MILLIS ? ms * 1_000_000L : null;
        }
        if (timestamp instanceof Double ms) {
            return Double.isFinite(ms) && Math.abs(ms) <= MAX_MILLIS ? Math.round(ms * 1_000_000d) : null;
        }
        if (timestamp instanceof String text) {
            try {
                Instant t = OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
            } catch (DateTimeParseException | ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    ItemError checkValue(Object value) {
        if (value == null) {
            return new ItemError(ItemError.INVALID_VALUE, "value is missing");
        }
        if (!(value instanceof Number n)) {
            return new ItemError(ItemError.INVALID_VALUE, "value must be a number");
        }
        if (!Double.isFinite(n.doubleValue())) {
            return new ItemError(ItemError.INVALID_VALUE, "value must be finite, not " + n);
        }
        return null;
    }

    ItemError checkDimensions(MetricItem item) {
        if (item.dimensionsInvalid) {
            return dimensionError("dimensions must be an object of strings");
        }
        if (item.dimensions.size() > limits.maxDimensions()) {
            return dimensionError("at most " + limits.maxDimensions() + " dimensions are allowed, not " + item.dimensions.size());
        }
        for (Map.Entry<String, Object> d : item.dimensions.entrySet()) {
            String key = d.getKey();
            if (key.isEmpty() || key.length() > limits.maxDimensionKeyLength() || !NAME.matcher(key).matches()) {
                return dimensionError("dimension key '" + abbreviate(key) + "' must match ^[a-zA-Z_][a-zA-Z0-9_]*$ and have 1 to "
                        + limits.maxDimensionKeyLength() + " characters");
            }
            if (!(d.getValue() instanceof String value)) {
                return dimensionError("dimension '" + key + "' must have a string value");
            }
            int length = value.codePointCount(0, value.length());
            if (length == 0 || length > limits.maxDimensionValueLength()) {
                return dimensionError("dimension '" + key + "' must have 1 to " + limits.maxDimensionValueLength() + " characters");
            }
            if (value.codePoints().anyMatch(Character::isISOControl) || hasLoneSurrogate(value)) {
                return dimensionError("dimension '" + key + "' must be UTF-8 text without control characters");
            }
        }
        return null;
    }

    private static boolean hasLoneSurrogate(String s) {
        return s.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    private static ItemError dimensionError(String message) {
        return new ItemError(ItemError.DIMENSION_LIMIT_EXCEEDED, message);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
