package io.cairn.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The TSBS queries as Cairn SQL ({@code POST /api/v1/query/sql}), every value bound as a {@code ?} parameter.
 * Means are {@code CAST(sum(x) AS DOUBLE) / count(x)}: AVG of a BIGINT column is a BIGINT in Calcite
 * (truncated), and a CAST inside the aggregate would stop the push-down into the store.
 */
final class CairnSqlDialect implements QueryDialect {
    private static final String EXECUTION_TIME = "\"execution_time_ms\":";
    private final URI sqlUri;
    private final String database;

    CairnSqlDialect(URI sqlUri, String database) {
        this.sqlUri = sqlUri;
        this.database = database;
    }

    @Override
    public String name() {
        return "cairn";
    }

    @Override
    public Optional<HttpRequest> request(TsbsQuery q) {
        List<Object> params = new ArrayList<>(q.hosts());
        String hostFilter = q.hosts().isEmpty() ? ""
                : "hostname IN (" + String.join(", ", Collections.nCopies(q.hosts().size(), "?")) + ") AND ";
        String window = "time >= ? AND time < ?";
        params.add(q.startIso());
        params.add(q.endIso());
        String sql = switch (q.type().shape) {
            case MAX_PER_MINUTE, MAX_PER_HOUR -> "SELECT time_bucket('"
                    + (q.type().shape == TsbsQueryType.Shape.MAX_PER_MINUTE ? "1 minute" : "1 hour") + "', time) AS bucket, "
                    + QueryDialect.eachMetric(q.metrics(), m -> "max(" + m + ") AS max_" + m)
                    + " FROM cpu WHERE " + hostFilter + window + " GROUP BY bucket ORDER BY bucket";
            case MEAN_PER_HOUR_AND_HOST -> "SELECT time_bucket('1 hour', time) AS bucket, hostname, "
                    + QueryDialect.eachMetric(q.metrics(), m -> "CAST(sum(" + m + ") AS DOUBLE) / count(" + m + ") AS mean_" + m)
                    + " FROM cpu WHERE " + window + " GROUP BY bucket, hostname ORDER BY bucket, hostname";
            case HIGH_CPU -> "SELECT * FROM cpu WHERE " + hostFilter + "usage_user > 90 AND " + window;
            case LAST_POINT -> {
                params.clear();
                yield "SELECT hostname, max(time) AS last_time, "
                        + QueryDialect.eachMetric(q.metrics(), m -> "last(" + m + ", time) AS " + m)
                        + " FROM cpu GROUP BY hostname";
            }
            case LAST_FIVE_MINUTES -> {
                params.remove(params.size() - 2);
                yield "SELECT time_bucket('1 minute', time) AS bucket, max(usage_user) AS max_usage_user FROM cpu "
                        + "WHERE time < ? GROUP BY bucket ORDER BY bucket DESC LIMIT 5";
            }
        };
        return Optional.of(post(sql, params));
    }

    /** Reads {@code execution_time_ms}, a decimal with 0.1 ms resolution. */
    @Override
    public double serverMillis(String body) {
        int at = body.lastIndexOf(EXECUTION_TIME);
        if (at < 0) {
            return -1;
        }
        int from = at + EXECUTION_TIME.length();
        int to = from;
        while (to < body.length() && (Character.isDigit(body.charAt(to)) || body.charAt(to) == '.')) {
            to++;
        }
        return Double.parseDouble(body.substring(from, to));
    }

    @Override
    public HttpRequest countRows(long dataStartMs, long dataEndMs) {
        return post("SELECT count(usage_user) FROM cpu", List.of());
    }

    private HttpRequest post(String sql, List<Object> params) {
        String body = "{\"database\":" + jsonString(database) + ",\"sql\":" + jsonString(sql) + ",\"params\":["
                + params.stream().map(p -> jsonString(p.toString())).collect(Collectors.joining(",")) + "]}";
        return HttpRequest.newBuilder(sqlUri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Override
    @SuppressWarnings("unchecked")
    public ResultTable parse(String body) {
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(body);
        List<String> columns = (List<String>) (List<?>) json.get("columns");
        List<List<Object>> rows = (List<List<Object>>) (List<?>) json.get("data");
        String time = columns.contains("bucket") ? "bucket" : columns.contains("last_time") ? "last_time" : "time";
        return ResultTable.withTimeColumn(columns, rows, time);
    }
}
