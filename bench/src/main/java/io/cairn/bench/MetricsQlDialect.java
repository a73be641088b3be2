package io.cairn.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The TSBS queries VictoriaMetrics can express in MetricsQL over {@code /api/v1/query_range} (as TSBS itself:
 * single-groupby, cpu-max-all and double-groupby); line protocol makes the metric {@code cpu_<field>}. A bucket's
 * value is the {@code *_over_time} of the window (t - step, t] at each step, not SQL's [t, t + step), so its
 * answers are timed but not compared with the others.
 */
final class MetricsQlDialect implements QueryDialect {
    private final String baseUrl;

    MetricsQlDialect(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public String name() {
        return "victoriametrics";
    }

    @Override
    public boolean checkable() {
        return false;
    }

    @Override
    public Optional<HttpRequest> request(TsbsQuery q) {
        String names = "__name__=~\"cpu_(" + String.join("|", q.metrics()) + ")\"";
        String hosts = q.hosts().isEmpty() ? "" : ", hostname=~\"" + String.join("|", q.hosts()) + "\"";
        String selector = "{" + names + hosts + "}";
        return switch (q.type().shape) {
            case MAX_PER_MINUTE -> Optional.of(range("max by (__name__) (max_over_time(" + selector
                    + "[1m]) keep_metric_names)", q, 60));
            case MAX_PER_HOUR -> Optional.of(range("max by (__name__) (max_over_time(" + selector
                    + "[1h]) keep_metric_names)", q, 3600));
            case MEAN_PER_HOUR_AND_HOST -> Optional.of(range("avg by (__name__, hostname) (avg_over_time(" + selector
                    + "[1h]) keep_metric_names)", q, 3600));
            case HIGH_CPU, LAST_POINT, LAST_FIVE_MINUTES -> Optional.empty();
        };
    }

    private HttpRequest range(String query, TsbsQuery q, int stepSeconds) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/query_range?query=" + QueryDialect.urlEncode(query)
                + "&start=" + seconds(q.startMs()) + "&end=" + seconds(q.endMs()) + "&step=" + stepSeconds + "s"))
                .GET().build();
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    @Override
    public HttpRequest countRows(long dataStartMs, long dataEndMs) {
        long lookbackSeconds = (dataEndMs - dataStartMs) / 1000 + 3600;
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/query?query="
                + QueryDialect.urlEncode("sum(count_over_time(cpu_usage_user[" + lookbackSeconds + "s]))")
                + "&time=" + seconds(dataEndMs + 1000))).GET().build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public ResultTable parse(String body) {
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(body);
        if (!"success".equals(json.get("status"))) {
            throw new IllegalStateException("victoriametrics: " + json.get("error"));
        }
        List<String> columns = new ArrayList<>(List.of(ResultTable.TIME));
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> series : (List<Map<String, Object>>) ((Map<String, Object>) json.get("data")).get("result")) {
            Map<String, Object> labels = new TreeMap<>((Map<String, Object>) series.get("metric"));
            if (columns.size() == 1) {
                columns.addAll(labels.keySet());
                columns.add("value");
            }
            List<List<Object>> points = series.containsKey("values") ? (List<List<Object>>) series.get("values")
                    : List.of((List<Object>) series.get("value"));
            for (List<Object> point : points) {
                List<Object> row = new ArrayList<>();
                row.add((long) (ResultTable.number(point.get(0)) * 1000));
                row.addAll(labels.values());
                row.add(point.get(1));
                rows.add(row);
            }
        }
        return new ResultTable(columns, rows);
    }
}
