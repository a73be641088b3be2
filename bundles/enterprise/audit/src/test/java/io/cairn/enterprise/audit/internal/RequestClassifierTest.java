package io.cairn.enterprise.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which request is which audit event. */
class RequestClassifierTest {
    private final RequestClassifier withoutReads = new RequestClassifier(false);
    private final RequestClassifier withReads = new RequestClassifier(true);

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
        "GET,    /api/v1/query,                          401, auth.failed",
        "POST,   /write,                                 429, auth.failed",
        "POST,   /api/v1/auth/tokens,                    201, token.created",
        "DELETE, /api/v1/auth/tokens/t-42,               204, token.deleted",
        "POST,   /api/v1/auth/tokens/t-42/rotate,        200, token.rotated",
        "POST,   /api/v1/auth/tokens/t-42/teams,         201, rbac.token_team.created",
        "POST,   /api/v1/rbac/organizations,             201, rbac.organization.created",
        "POST,   /api/v1/rbac/organizations/o1/teams,    201, rbac.team.created",
        "PUT,    /api/v1/rbac/teams/t1,                  200, rbac.team.updated",
        "DELETE, /api/v1/rbac/roles/r1,                  204, rbac.role.deleted",
        "POST,   /api/v1/rbac/roles/r1/measurements,     201, rbac.measurement_permission.created",
        "DELETE, /api/v1/rbac/measurement-permissions/m1, 204, rbac.measurement_permission.deleted",
        "POST,   /write,                                 204, data.write",
        "POST,   /api/v2/write,                          204, data.write",
        "POST,   /api/v1/write,                          204, data.write",
        "POST,   /api/v1/write/line-protocol,            403, data.write",
        "POST,   /api/v1/write/msgpack/,                 204, data.write",
        "POST,   /api/v2/delete,                         204, data.delete",
        "POST,   /api/v1/delete,                         200, data.delete",
        "DELETE, /api/v1/metrics/cpu,                    200, data.delete",
        "POST,   /api/v1/import,                         200, data.import",
        "PUT,    /api/v1/license,                        200, license.installed",
        "DELETE, /api/v1/license,                        204, license.removed",
        "PUT,    /api/v1/admin/store,                    200, store.swapped",
        "POST,   /api/v1/admin/bundles,                  201, bundle.installed",
        "PUT,    /api/v1/admin/bundles/io.cairn.x,       200, bundle.updated",
        "DELETE, /api/v1/admin/bundles/io.cairn.x,       204, bundle.uninstalled",
        "POST,   /api/v1/admin/bundles/io.cairn.x/stop,  200, bundle.stopped",
        "POST,   /api/v1/admin/bundles/io.cairn.x/start, 200, bundle.started",
        "POST,   /api/v1/databases,                      201, database.created",
    })
    void auditedRequests(String method, String path, int status, String expected) {
        assertEquals(expected, withoutReads.classify(method, path, status));
        assertEquals(expected, withReads.classify(method, path, status));
    }

    @ParameterizedTest(name = "{0} {1} {2} is not audited")
    @CsvSource({
        "GET,     /api/v1/health,               200",
        "GET,     /api/v1/auth/tokens,          200",
        "GET,     /api/v1/rbac/teams/t1,        200",
        "GET,     /api/v1/license,              200",
        "GET,     /api/v1/admin/store,          200",
        "GET,     /api/v1/admin/bundles,        200",
        "GET,     /api/v1/audit/logs,           200",
        "OPTIONS, /write,                       204",
        "POST,    /api/v1/admin/migrate,        202",
        "GET,     /api/v1/query,                200",
        "POST,    /api/v1/query/sql,            200",
        "GET,     /query,                       200",
        "GET,     /api/v1/metrics/measurements, 200",
    })
    void notAuditedWithoutReads(String method, String path, int status) {
        assertNull(withoutReads.classify(method, path, status));
    }

    @ParameterizedTest(name = "{0} {1} is a query when reads are audited")
    @CsvSource({"GET, /api/v1/query", "POST, /api/v1/query/sql", "GET, /query", "POST, /api/v2/query",
        "GET, /api/v1/metrics/measurements"})
    void readsWhenIncluded(String method, String path) {
        assertEquals("data.query", withReads.classify(method, path, 200));
    }

    @Test
    void outcomesFollowTheStatus() {
        assertEquals("success", RequestClassifier.outcome(204));
        assertEquals("success", RequestClassifier.outcome(302));
        assertEquals("denied", RequestClassifier.outcome(401));
        assertEquals("denied", RequestClassifier.outcome(403));
        assertEquals("failure", RequestClassifier.outcome(400));
        assertEquals("failure", RequestClassifier.outcome(429));
        assertEquals("failure", RequestClassifier.outcome(503));
    }
}
