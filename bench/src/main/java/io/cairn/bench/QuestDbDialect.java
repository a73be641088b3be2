package io.cairn.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The TSBS queries in QuestDB's SQL over its HTTP {@code /exec} endpoint: {@code SAMPLE BY ... ALIGN TO CALENDAR}
 * for the time buckets (in UTC these are multiples of the width from the epoch, as Cairn's) and
 * {@code LATEST ON ... PARTITION BY hostname} for lastpoint. Line protocol names the time column {@code timestamp}.
 */
final class QuestDbDialect implements QueryDialect {
    private final String baseUrl;

    QuestDbDialect(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public String name() {
        return "questdb";
    }

    @Override
    public Optional<HttpRequest> request(TsbsQuery q) {
        String hostFilter = q.hosts().isEmpty() ? "" : "hostname IN ("
                + q.hosts().stream().map(QueryDialect::quoted).collect(Collectors.joining(", ")) + ") AND ";
        String window = "timestamp >= " + QueryDialect.quoted(q.startIso()) + " AND timestamp < "
                + QueryDialect.quoted(q.endIso());
        String sql = switch (q.type().shape) {
            case MAX_PER_MINUTE, MAX_PER_HOUR -> "SELECT timestamp, "
                    + QueryDialect.eachMetric(q.metrics(), m -> "max(" + m + ") AS max_" + m)
                    + " FROM cpu WHERE " + hostFilter + window + " SAMPLE BY "
                    + (q.type().shape == TsbsQueryType.Shape.MAX_PER_MINUTE ? "1m" : "1h") + " ALIGN TO CALENDAR";
            case MEAN_PER_HOUR_AND_HOST -> "SELECT timestamp, hostname, "
                    + QueryDialect.eachMetric(q.metrics(), m -> "avg(" + m + ") AS mean_" + m)
                    + " FROM cpu WHERE " + window + " SAMPLE BY 1h ALIGN TO CALENDAR ORDER BY timestamp, hostname";
            case HIGH_CPU -> "SELECT * FROM cpu WHERE " + hostFilter + "usage_user > 90 AND " + window;
            case LAST_POINT -> "SELECT * FROM cpu LATEST ON timestamp PARTITION BY hostname";
            case LAST_FIVE_MINUTES -> "SELECT timestamp, max(usage_user) AS max_usage_user FROM cpu WHERE timestamp < "
                    + QueryDialect.quoted(q.endIso()) + " SAMPLE BY 1m ALIGN TO CALENDAR ORDER BY timestamp DESC LIMIT 5";
        };
        return Optional.of(get(sql));
    }

    @Override
    public HttpRequest countRows(long dataStartMs, long dataEndMs) {
        return get("SELECT count() FROM cpu");
    }

    private HttpRequest get(String sql) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/exec?query=" + QueryDialect.urlEncode(sql))).GET().build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public ResultTable parse(String body) {
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(body);
        if (json.containsKey("error")) {
            throw new IllegalStateException("questdb: " + json.get("error"));
        }
        List<String> columns = ((List<Map<String, Object>>) json.get("columns")).stream()
                .map(c -> (String) c.get("name")).collect(Collectors.toList());
        return ResultTable.withTimeColumn(columns, (List<List<Object>>) (List<?>) json.get("dataset"), "timestamp");
    }
}
