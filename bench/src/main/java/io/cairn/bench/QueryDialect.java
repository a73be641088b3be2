package io.cairn.bench;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How one target is asked the TSBS queries: the request for each query, and how its answers are read. */
interface QueryDialect {

    String name();

    /** Returns the request for a query, or empty when the target's query language cannot express it. */
    Optional<HttpRequest> request(TsbsQuery query);

    /** Returns a request whose answer's first row ends with the number of usage_user values of cpu. */
    HttpRequest countRows(long dataStartMs, long dataEndMs);

    ResultTable parse(String body);

    /** Returns the time the server says it spent on a query, in milliseconds, or -1 when it does not say. */
    default double serverMillis(String body) {
        return -1;
    }

    /** Whether answers of this target are compared with the brute-force answers (same semantics). */
    default boolean checkable() {
        return true;
    }

    static String urlEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Writes an SQL string literal: single quotes, quotes inside doubled. */
    static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Joins the columns made from each metric, e.g. {@code max(usage_user) AS max_usage_user, ...}. */
    static String eachMetric(List<String> metrics, Function<String, String> column) {
        return metrics.stream().map(column).collect(Collectors.joining(", "));
    }
}
