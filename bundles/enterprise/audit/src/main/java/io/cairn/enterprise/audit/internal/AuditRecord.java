package io.cairn.enterprise.audit.internal;

import java.time.Instant;
import java.util.Map;

/**
 * What happened, before the writer gives it a place in the chain: when, which kind of event, who
 * (token id or tenant, null when unknown), from which address, on which database, with which
 * outcome ({@code success}, {@code denied}, {@code failure}) and a few details (strings and numbers).
 */
record AuditRecord(Instant time, String eventType, String actor, String source, String database, String outcome,
        Map<String, Object> detail) {
    static final String SUCCESS = "success";
    static final String DENIED = "denied";
    static final String FAILURE = "failure";

    AuditRecord {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    /** An event the node raises itself (no request, no address, no database). */
    static AuditRecord system(Instant time, String eventType, String outcome, Map<String, Object> detail) {
        return new AuditRecord(time, eventType, "system", null, null, outcome, detail);
    }
}
