package io.cairn.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The TSBS queries in InfluxQL for InfluxDB 1.x ({@code GET /query}, times as epoch milliseconds). Buckets use
 * {@code fill(none)} so that, like SQL, only buckets with data are returned. Answers are flattened to one table:
 * time, then the tags a series was grouped by, then the values.
 */
final class InfluxQlDialect implements QueryDialect {
    private final String baseUrl;
    private final String database;

    InfluxQlDialect(String baseUrl, String database) {
        this.baseUrl = baseUrl;
        this.database = database;
    }

    @Override
    public String name() {
        return "influxdb";
    }

    @Override
    public Optional<HttpRequest> request(TsbsQuery q) {
        String hostFilter = q.hosts().isEmpty() ? "" : "(" + q.hosts().stream()
                .map(h -> "hostname = " + literal(h)).collect(Collectors.joining(" OR ")) + ") AND ";
        String window = "time >= " + literal(q.startIso()) + " AND time < " + literal(q.endIso());
        String query = switch (q.type().shape) {
            case MAX_PER_MINUTE, MAX_PER_HOUR -> "SELECT "
                    + QueryDialect.eachMetric(q.metrics(), m -> "max(" + m + ") AS max_" + m)
                    + " FROM cpu WHERE " + hostFilter + window + " GROUP BY time("
                    + (q.type().shape == TsbsQueryType.Shape.MAX_PER_MINUTE ? "1m" : "1h") + ") fill(none)";
            case MEAN_PER_HOUR_AND_HOST -> "SELECT "
                    + QueryDialect.eachMetric(q.metrics(), m -> "mean(" + m + ") AS mean_" + m)
                    + " FROM cpu WHERE " + window + " GROUP BY time(1h), hostname fill(none)";
            case HIGH_CPU -> "SELECT * FROM cpu WHERE " + hostFilter + "usage_user > 90 AND " + window;
            case LAST_POINT -> "SELECT last(*) FROM cpu GROUP BY hostname";
            case LAST_FIVE_MINUTES -> "SELECT max(usage_user) AS max_usage_user FROM cpu WHERE time < "
                    + literal(q.endIso()) + " GROUP BY time(1m) fill(none) ORDER BY time DESC LIMIT 5";
        };
        return Optional.of(get(query));
    }

    @Override
    public HttpRequest countRows(long dataStartMs, long dataEndMs) {
        return get("SELECT count(usage_user) FROM cpu");
    }

    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private HttpRequest get(String query) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/query?db=" + QueryDialect.urlEncode(database)
                + "&epoch=ms&q=" + QueryDialect.urlEncode(query))).GET().build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public ResultTable parse(String body) {
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(body);
        Map<String, Object> result = ((List<Map<String, Object>>) json.get("results")).get(0);
        if (result.containsKey("error")) {
            throw new IllegalStateException("influxdb: " + result.get("error"));
        }
        List<String> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> series : (List<Map<String, Object>>) result.getOrDefault("series", List.of())) {
            Map<String, Object> tags = (Map<String, Object>) series.getOrDefault("tags", Map.of());
            List<String> names = (List<String>) (List<?>) series.get("columns");
            if (columns.isEmpty()) {
                columns.add(names.get(0));
                columns.addAll(tags.keySet());
                columns.addAll(names.subList(1, names.size()));
            }
            for (List<Object> values : (List<List<Object>>) series.get("values")) {
                List<Object> row = new ArrayList<>(values.size() + tags.size());
                row.add(values.get(0));
                row.addAll(tags.values());
                row.addAll(values.subList(1, values.size()));
                rows.add(row);
            }
        }
        return ResultTable.withTimeColumn(columns, rows, "time");
    }
}
