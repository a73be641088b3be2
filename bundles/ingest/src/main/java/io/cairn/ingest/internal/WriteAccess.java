package io.cairn.ingest.internal;

import io.cairn.api.access.Permission;
import io.cairn.api.access.RequestAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Whether one write request may write each measurement of its database, asked once per measurement of
 * the request's {@link RequestAccess} (a request without one, e.g. with authentication off, may write
 * everything). Not thread safe: one per request.
 */
final class WriteAccess {
    /** Refuses nothing. */
    static final WriteAccess ALL = new WriteAccess(null, null);
    private static final ItemError PERMITTED = new ItemError("", "");

    private final RequestAccess access;
    private final String database;
    private final Map<String, ItemError> answers = new HashMap<>();

    private WriteAccess(RequestAccess access, String database) {
        this.access = access;
        this.database = database;
    }

    /** Returns the write access of a request to a database. */
    static WriteAccess of(HttpServletRequest request, String database) {
        return request.getAttribute(RequestAccess.ATTRIBUTE) instanceof RequestAccess access
                ? new WriteAccess(access, database) : ALL;
    }

    /** Returns the write access a {@link RequestAccess} gives to a database. */
    static WriteAccess of(RequestAccess access, String database) {
        return new WriteAccess(access, database);
    }

    /** Returns why a measurement may not be written, or null when it may. */
    ItemError check(String measurement) {
        if (access == null) {
            return null;
        }
        ItemError answer = answers.computeIfAbsent(measurement, this::ask);
        return answer == PERMITTED ? null : answer;
    }

    private ItemError ask(String measurement) {
        return access.permits(Permission.WRITE, database, measurement) ? PERMITTED : new ItemError(ItemError.FORBIDDEN,
                "this token may not write measurement '" + measurement + "' of database '" + database + "'");
    }

    /** Returns whether a measurement may be written. */
    boolean permits(String measurement) {
        return check(measurement) == null;
    }

    /** Returns whether a write wrote nothing because every one of its rejected items was refused for access. */
    static <R> boolean everyItemForbidden(int accepted, List<R> rejections, Function<R, String> code) {
        return accepted == 0 && !rejections.isEmpty()
                && rejections.stream().allMatch(r -> ItemError.FORBIDDEN.equals(code.apply(r)));
    }
}
