package io.cairn.enterprise.audit.internal;

import io.cairn.api.metrics.MetricsSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The audit writer's counters on {@code GET /metrics}: events buffered, dropped, written and failed writes. */
@Component(service = MetricsSource.class)
public final class AuditMetrics implements MetricsSource {
    private final AuditTrail trail;

    @Activate
    public AuditMetrics(@Reference AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public Map<String, Number> samples() {
        AuditWriter.Counters c = trail.counters();
        Map<String, Number> samples = new LinkedHashMap<>();
        samples.put("cairn_audit_events_buffered", c.buffered());
        samples.put("cairn_audit_events_dropped_total", c.dropped());
        samples.put("cairn_audit_events_written_total", c.written());
        samples.put("cairn_audit_write_failures_total", c.failed());
        return samples;
    }
}
