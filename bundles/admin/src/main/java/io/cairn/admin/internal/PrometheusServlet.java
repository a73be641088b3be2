package io.cairn.admin.internal;

import io.cairn.api.metrics.MetricsSource;
import io.cairn.api.store.TimeSeriesStore;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} in Prometheus' text format: every running store's statistics as
 * {@code cairn_store_<stat>{store="<name>",active="true|false"}} and the samples of every
 * {@link MetricsSource} service. A source or store that fails is skipped (and logged), never the scrape.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/metrics")
@HttpWhiteboardServletName("cairn-prometheus-metrics")
public final class PrometheusServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusServlet.class);
    private static final long serialVersionUID = 1L;

    private final transient StoreSelection selection;
    private final transient List<MetricsSource> sources = new CopyOnWriteArrayList<>();

    @Activate
    public PrometheusServlet(@Reference StoreSelection selection) {
        this.selection = selection;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(MetricsSource source) {
        sources.add(source);
    }

    void removeSource(MetricsSource source) {
        sources.remove(source);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        PrintWriter out = response.getWriter();
        writeStores(out, selection.stores(), selection.active());
        SortedMap<String, Number> samples = new TreeMap<>();
        for (MetricsSource source : sources) {
            try {
                samples.putAll(source.samples());
            } catch (RuntimeException e) {
                LOG.warn("a metrics source failed: {}", e.toString());
            }
        }
        samples.forEach((name, value) -> {
            if (PrometheusText.isName(name)) {
                PrometheusText.type(out, name, name.endsWith("_total") ? "counter" : "gauge");
                PrometheusText.sample(out, name, "", value);
            }
        });
    }

    static void writeStores(PrintWriter out, SortedMap<String, TimeSeriesStore> stores, String active) {
        SortedMap<String, SortedMap<String, Number>> byStat = new TreeMap<>();
        stores.forEach((name, store) -> {
            try {
                for (Map.Entry<String, Number> stat : store.stats().entrySet()) {
                    byStat.computeIfAbsent("cairn_store_" + PrometheusText.nameOf(stat.getKey()), k -> new TreeMap<>())
                            .put(name, stat.getValue());
                }
            } catch (RuntimeException e) {
                LOG.warn("the {} store's statistics failed: {}", name, e.toString());
            }
        });
        byStat.forEach((metric, perStore) -> {
            PrometheusText.type(out, metric, "gauge");
            perStore.forEach((store, value) -> PrometheusText.sample(out, metric,
                    "{store=\"" + store + "\",active=\"" + store.equals(active) + "\"}", value));
        });
    }
}
