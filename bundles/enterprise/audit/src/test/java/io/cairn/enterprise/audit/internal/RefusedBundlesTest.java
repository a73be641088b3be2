package io.cairn.enterprise.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

/** Refused enterprise bundles are reported once per bundle version and reason; open and running ones never. */
class RefusedBundlesTest {
    private static Bundle bundle(long id, String name, String feature, int state, long modified) {
        Dictionary<String, String> headers = new Hashtable<>();
        if (feature != null) {
            headers.put(RefusedBundles.FEATURE_HEADER, feature);
        }
        return (Bundle) Proxy.newProxyInstance(RefusedBundlesTest.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> name;
                    case "getVersion" -> Version.parseVersion("1.0.0");
                    case "getHeaders" -> headers;
                    case "getState" -> state;
                    case "getLastModified" -> modified;
                    default -> null;
                });
    }

    @Test
    void aRefusedEnterpriseBundleIsReportedOnceWithItsReason() {
        Bundle refused = bundle(7, "io.cairn.enterprise.rbac", "rbac", Bundle.INSTALLED, 1);
        Bundle running = bundle(8, "io.cairn.enterprise.hello", "hello", Bundle.ACTIVE, 1);
        Bundle open = bundle(9, "io.cairn.query", null, Bundle.INSTALLED, 1);
        Map<Long, String> reasons = Map.of(7L, "enterprise feature 'rbac' needs a license; none is installed",
                8L, "stale", 9L, "stale");
        RefusedBundles check = new RefusedBundles();
        Instant now = Instant.parse("2026-11-24T10:00:00Z");

        List<AuditRecord> first = check.check(new Bundle[] {refused, running, open}, reasons::get, now);
        assertEquals(1, first.size());
        AuditRecord r = first.get(0);
        assertEquals("bundle.refused", r.eventType());
        assertEquals("denied", r.outcome());
        assertEquals("io.cairn.enterprise.rbac", r.detail().get("symbolic_name"));
        assertEquals("rbac", r.detail().get("feature"));
        assertEquals(reasons.get(7L), r.detail().get("reason"));
        assertTrue(check.check(new Bundle[] {refused}, reasons::get, now).isEmpty());

        Bundle updated = bundle(7, "io.cairn.enterprise.rbac", "rbac", Bundle.INSTALLED, 2);
        assertEquals(1, check.check(new Bundle[] {updated}, reasons::get, now).size());
        assertTrue(check.check(new Bundle[] {updated}, null, now).isEmpty());
    }
}
