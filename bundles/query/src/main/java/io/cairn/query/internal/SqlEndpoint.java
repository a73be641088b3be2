package io.cairn.query.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.cairn.api.model.DatabaseName;
import io.cairn.api.store.StoreUnavailableException;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.query.internal.sql.PlanScope;
import io.cairn.query.internal.sql.SqlEngine;
import io.cairn.query.internal.sql.SqlLimits;
import io.cairn.query.internal.sql.SqlQueryException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SQL endpoints share: the body {@code {"sql","params","format","database"}}, the active
 * store, the {@link SqlEngine} with its limits, and errors in Cairn's shape.
 */
public abstract class SqlEndpoint extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SqlEndpoint.class);
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final JsonFactory JSON = new JsonFactory();

    /** Limits of SQL statements. */
    @ObjectClassDefinition(name = "Cairn SQL", description = "Limits of SQL statements")
    public @interface Config {
        @AttributeDefinition(description = "How long a statement may run before it is cancelled, in milliseconds")
        long timeout_ms() default 30_000;

        @AttributeDefinition(description = "Most rows of a result; more are cut off and the result says so")
        int max_rows() default 100_000;

        @AttributeDefinition(description = "How long a statement waits for a store while stores are swapped, in milliseconds")
        long store_wait_ms() default StoreGap.DEFAULT_WAIT_MS;

        @AttributeDefinition(description = "How many prepared statements are kept for reuse (0: none)")
        int plan_cache_size() default SqlEngine.DEFAULT_PLAN_CACHE_SIZE;
    }

    /** A parsed request body. */
    record Statement(String sql, List<Object> params, String format, String database) {
    }

    final transient SqlEngine engine;
    private final long storeWaitMillis;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = TimeSeriesStore.ACTIVE_FILTER)
    volatile TimeSeriesStore store;

    SqlEndpoint(Config config) {
        this(new SqlLimits(config.timeout_ms(), config.max_rows()), config.store_wait_ms(), config.plan_cache_size());
    }

    SqlEndpoint(SqlLimits limits, long storeWaitMillis) {
        this(limits, storeWaitMillis, SqlEngine.DEFAULT_PLAN_CACHE_SIZE);
    }

    SqlEndpoint(SqlLimits limits, long storeWaitMillis, int planCacheSize) {
        this.engine = new SqlEngine(limits, planCacheSize);
        this.storeWaitMillis = storeWaitMillis;
    }

    /** Binds a store by hand (tests). */
    void useStore(TimeSeriesStore store) {
        this.store = store;
    }

    @Deactivate
    void close() {
        engine.close();
    }

    /** Answers a parsed statement over the request's view of the store; the scope says where plans may be reused. */
    abstract void answer(Statement statement, PlanScope scope, TimeSeriesStore store, HttpServletRequest request,
            HttpServletResponse response, long startedNanos) throws IOException;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        try {
            String tenant = TenantStoreView.tenant(request);
            Statement parsed = parse(request);
            Statement statement = new Statement(parsed.sql(), parsed.params(), parsed.format(),
                    TenantStoreView.ownName(parsed.database(), tenant));
            TimeSeriesStore bound = StoreGap.await(() -> store, storeWaitMillis);
            answer(statement, new PlanScope(bound, tenant),
                    TenantStoreView.of(RowSecureStoreView.of(bound, request), tenant), request, response, started);
        } catch (QueryException e) {
            JsonReplies.error(response, e);
        } catch (SqlQueryException e) {
            JsonReplies.error(response, new QueryException(e.status(), e.code(), e.getMessage(), e.details()));
        } catch (StoreUnavailableException e) {
            JsonReplies.error(response, QueryException.storeUnavailable(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("SQL request failed", e);
            JsonReplies.error(response, new QueryException(500, "INTERNAL_ERROR", "the statement failed: " + e, Map.of()));
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        JsonReplies.error(response, new QueryException(405, "METHOD_NOT_ALLOWED",
                "send {\"sql\": ...} as the JSON body of a POST", Map.of()));
    }

    private static Statement parse(HttpServletRequest request) throws IOException {
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new QueryException(413, "PAYLOAD_TOO_LARGE", "a statement body must not exceed 1 MB",
                    Map.of("field", "body", "limit", MAX_BODY_BYTES));
        }
        String sql = null;
        String format = "json";
        String database = null;
        Parameters params = new Parameters(List.of(), null);
        try (JsonParser p = JSON.createParser(bytes)) {
            boolean object = p.nextToken() == JsonToken.START_OBJECT;
            if (!object) {
                p.skipChildren();
            }
            while (object && p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "sql" -> sql = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "database" -> database = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "format" -> format = value == JsonToken.VALUE_NULL ? "json"
                            : value.isScalarValue() ? p.getText() : "";
                    case "params" -> params = params(p, value);
                    default -> {
                    }
                }
                p.skipChildren();
            }
        } catch (JsonProcessingException e) {
            throw QueryException.invalid("body", "the body is not JSON: " + e.getOriginalMessage());
        }
        if (sql == null || sql.isBlank()) {
            throw QueryException.invalid("sql", "the body must be a JSON object with the statement in \"sql\"");
        }
        if (!format.equals("json") && !format.equals("arrow")) {
            throw QueryException.invalid("format", "format must be \"json\" or \"arrow\"");
        }
        if (database == null) {
            database = JsonReplies.database(request);
        }
        if (!DatabaseName.isValid(database)) {
            throw new QueryException(400, "INVALID_DATABASE", DatabaseName.rule(), Map.of("field", "database"));
        }
        if (params.problem() != null) {
            throw QueryException.invalid("params", params.problem());
        }
        return new Statement(sql, params.values(), format, database);
    }

    /** The values of {@code "params"}, or what is wrong with them (reported after the other fields' checks). */
    private record Parameters(List<Object> values, String problem) {
    }

    private static Parameters params(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return new Parameters(List.of(), null);
        }
        if (value != JsonToken.START_ARRAY) {
            return new Parameters(List.of(), "params must be an array");
        }
        List<Object> out = new ArrayList<>();
        String problem = null;
        for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
            switch (t) {
                case VALUE_NULL -> out.add(null);
                case VALUE_STRING -> out.add(p.getText());
                case VALUE_TRUE, VALUE_FALSE -> out.add(t == JsonToken.VALUE_TRUE);
                case VALUE_NUMBER_INT -> out.add(p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new BigDecimal(p.getBigIntegerValue()) : p.getLongValue());
                case VALUE_NUMBER_FLOAT -> out.add(p.getDoubleValue());
                default -> {
                    problem = "a parameter must be a string, number, boolean or null";
                    p.skipChildren();
                }
            }
        }
        return new Parameters(out, problem);
    }
}
