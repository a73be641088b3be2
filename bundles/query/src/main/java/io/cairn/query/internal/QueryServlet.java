package io.cairn.query.internal;

import io.cairn.api.access.Permission;
import io.cairn.api.access.RequestAccess;
import io.cairn.api.store.StoreUnavailableException;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.query.internal.sql.PlanScope;
import io.cairn.query.internal.sql.SqlEngine;
import io.cairn.query.internal.sql.SqlLimits;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/query}: the dashboard JSON query. Parses the body into a
 * {@link DashboardQuery}, runs it on a {@link QueryEngine} over the bound store (the SQL layer's planner for
 * the aggregates with a relational form, {@link RelationalQueryEngine}) and writes the result; failures leave as {@code {"error":{"code","message","details"}}}.
 */
@Component(service = Servlet.class, configurationPid = "io.cairn.query")
@HttpWhiteboardServletPattern("/api/v1/query")
@HttpWhiteboardServletName("cairn-query")
@Designate(ocd = QueryServlet.Config.class)
public final class QueryServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(QueryServlet.class);
    private static final int MAX_BODY_BYTES = 1 << 20;

    /** Limits of dashboard queries. */
    @ObjectClassDefinition(name = "Cairn query", description = "Limits of the dashboard JSON query")
    public @interface Config {
        @AttributeDefinition(description = "Timeout of a query that names none, in milliseconds")
        long default_timeout_ms() default 10_000;

        @AttributeDefinition(description = "Longest timeout a query may ask for, in milliseconds")
        long max_timeout_ms() default 30_000;

        @AttributeDefinition(description = "Most result points (and buckets) of a query; more are cut off")
        int max_result_points() default 10_000;

        @AttributeDefinition(description = "Most groups of a query; more fail with TOO_MANY_GROUPS")
        int max_groups() default 1_000;

        @AttributeDefinition(description = "Longest time range of a query, in days")
        int max_range_days() default 90;

        @AttributeDefinition(description = "How long a query waits for a store while stores are swapped, in milliseconds")
        long store_wait_ms() default StoreGap.DEFAULT_WAIT_MS;

        @AttributeDefinition(description = "Plan the aggregates that have a relational form on the SQL layer "
                + "(shared planner, plan cache and push-down); false runs every query on the store engine")
        boolean sql_plans() default true;

        @AttributeDefinition(description = "How many prepared plans of dashboard queries are kept for reuse "
                + "(0: plan every query)")
        int plan_cache_size() default SqlEngine.DEFAULT_PLAN_CACHE_SIZE;
    }

    private final transient DashboardQueryParser parser;
    private final transient SqlEngine sql;
    private final transient QueryLimits limits;
    private final long storeWaitMillis;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = TimeSeriesStore.ACTIVE_FILTER)
    private volatile TimeSeriesStore store;

    /** Creates the servlet from its configuration. */
    @Activate
    public QueryServlet(Config config) {
        this(new QueryLimits(config.default_timeout_ms(), config.max_timeout_ms(), config.max_result_points(),
                config.max_groups(), config.max_range_days() * 86_400_000_000_000L), Clock.systemUTC(),
                config.store_wait_ms(), config.sql_plans(), config.plan_cache_size());
        LOG.debug("query servlet active with {}", limits);
    }

    QueryServlet(QueryLimits limits, Clock clock, long storeWaitMillis) {
        this(limits, clock, storeWaitMillis, true, SqlEngine.DEFAULT_PLAN_CACHE_SIZE);
    }

    /**
     * Creates the servlet; {@code sqlPlans} false runs every query on the {@link StoreQueryEngine}, and
     * {@code planCacheSize} plans are kept for reuse.
     */
    QueryServlet(QueryLimits limits, Clock clock, long storeWaitMillis, boolean sqlPlans, int planCacheSize) {
        this.limits = limits;
        this.storeWaitMillis = storeWaitMillis;
        this.parser = new DashboardQueryParser(limits, clock);
        this.sql = sqlPlans ? new SqlEngine(SqlLimits.DEFAULTS, planCacheSize) : null;
    }

    @Deactivate
    void close() {
        if (sql != null) {
            sql.close();
        }
    }

    /** Returns how many queries ran on a cached plan (tests). */
    long reusedPlans() {
        return sql == null ? 0 : sql.reusedPlans();
    }

    /** Binds a store by hand (tests). */
    void useStore(TimeSeriesStore store) {
        this.store = store;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        try {
            byte[] body = readBody(request);
            DashboardQuery query = parser.parse(body, JsonReplies.database(request));
            RequestAccess access = RowSecureStoreView.access(request);
            if (access != null && !access.permits(Permission.READ, query.database(), query.metric())) {
                throw new QueryException(403, "FORBIDDEN", "this token may not read metric '" + query.metric() + "'",
                        Map.of("metric", query.metric()));
            }
            TimeSeriesStore bound = StoreGap.await(() -> store, storeWaitMillis);
            TimeSeriesStore current = RowSecureStoreView.of(bound, request);
            QueryEngine engine = sql == null ? new StoreQueryEngine(current, limits)
                    : new RelationalQueryEngine(sql, new PlanScope(bound, null), current, limits);
            QueryResult result = engine.execute(query, Deadline.after(query.timeoutMillis()));
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            QueryResultWriter.write(response.getOutputStream(), query, result, (System.nanoTime() - started) / 1_000_000);
        } catch (QueryException e) {
            JsonReplies.error(response, e);
        } catch (StoreUnavailableException e) {
            JsonReplies.error(response, QueryException.storeUnavailable(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("query failed", e);
            JsonReplies.error(response, new QueryException(500, "INTERNAL_ERROR", "the query failed: " + e, Map.of()));
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        JsonReplies.error(response, new QueryException(405, "METHOD_NOT_ALLOWED",
                "send the query as the JSON body of a POST", Map.of()));
    }

    private static byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new QueryException(413, "PAYLOAD_TOO_LARGE", "a query body must not exceed 1 MB",
                        Map.of("field", "body", "limit", MAX_BODY_BYTES));
            }
            return body;
        }
    }
}
