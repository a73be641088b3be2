package io.cairn.api.metrics;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of samples for {@code GET /metrics}: a bundle registers it as a service and the endpoint asks
 * every source on each scrape. A name ending in {@code _total} is a counter, any other a gauge.
 */
@ConsumerType
public interface MetricsSource {
    /**
     * Returns the current samples by metric name in Prometheus syntax ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}, e.g.
     * {@code cairn_audit_events_dropped_total}); it must be cheap, as scrapes come every few seconds.
     */
    Map<String, Number> samples();
}
