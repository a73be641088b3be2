package io.cairn.ingest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.api.store.TimeSeriesStore;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The body of {@code GET /api/v1/cardinality}: exact series counts from the store's index, the write path's
 * {@link SeriesCardinality} estimates and growth, the limit and its usage per measurement, distinct values per
 * tag key (counted up to a bound) for one measurement, per-tenant totals and the 80% warnings.
 */
final class CardinalityReport {
    private static final JsonFactory JSON = new JsonFactory();

    private final SeriesCardinality cardinality;
    private final long defaultLimit;
    private final int maxTagValues;

    /**
     * @param defaultLimit the series limit shown for a measurement that no write checked since the start
     * @param maxTagValues the most values counted per tag key (more are shown as that bound, capped)
     */
    CardinalityReport(SeriesCardinality cardinality, long defaultLimit, int maxTagValues) {
        this.cardinality = cardinality;
        this.defaultLimit = defaultLimit;
        this.maxTagValues = maxTagValues;
    }

    /** Returns every readable database with its series and measurement counts, the tenants and the warnings. */
    WriteResponse overview(TimeSeriesStore store, Predicate<String> readable) {
        return json(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("databases");
            List<String> tenants = new ArrayList<>();
            for (String db : store.databases()) {
                if (!readable.test(db)) {
                    continue;
                }
                List<String> measurements = store.measurements(db);
                g.writeStartObject();
                g.writeStringField("database", db);
                g.writeNumberField("measurements", measurements.size());
                g.writeNumberField("series", seriesOf(store, db, measurements));
                g.writeEndObject();
                String tenant = SeriesCardinality.tenantOf(db);
                if (tenant != null && !tenants.contains(tenant)) {
                    tenants.add(tenant);
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("tenants");
            for (String tenant : tenants) {
                writeTenant(g, store, tenant, readable);
            }
            g.writeEndArray();
            writeWarnings(g, null, readable);
            g.writeEndObject();
        });
    }

    /**
     * Returns the measurements of a database (only {@code measurement} when not null, then with its tag keys),
     * or 404 METRIC_NOT_FOUND when the named measurement holds no series.
     */
    WriteResponse database(TimeSeriesStore store, String database, String measurement) {
        List<String> measurements = store.measurements(database);
        if (measurement != null && !measurements.contains(measurement)) {
            return WriteResponse.error(404, "METRIC_NOT_FOUND", "metric " + measurement + " has no series in "
                    + database, Map.of("database", database, "metric", measurement));
        }
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("database", database);
            g.writeNumberField("series", seriesOf(store, database, measurements));
            String tenant = SeriesCardinality.tenantOf(database);
            if (tenant != null) {
                g.writeFieldName("tenant");
                writeTenant(g, store, tenant, db -> true);
            }
            g.writeArrayFieldStart("measurements");
            for (String m : measurement == null ? measurements : List.of(measurement)) {
                writeMeasurement(g, store, database, m, measurement != null);
            }
            g.writeEndArray();
            writeWarnings(g, database, db -> true);
            g.writeEndObject();
        });
    }

    private void writeMeasurement(JsonGenerator g, TimeSeriesStore store, String db, String m, boolean withTags)
            throws IOException {
        long series = store.seriesCount(db, m);
        long checked = cardinality.limit(db, m);
        long limit = checked > 0 ? checked : defaultLimit;
        g.writeStartObject();
        g.writeStringField("measurement", m);
        g.writeNumberField("series", series);
        writeSketch(g, cardinality.measurement(db, m));
        g.writeNumberField("limit", limit);
        g.writeNumberField("usage", Math.round(10_000.0 * series / limit) / 10_000.0);
        if (withTags) {
            g.writeArrayFieldStart("dimensions");
            for (String key : store.tagKeys(db, m)) {
                int values = store.tagValues(db, m, key, maxTagValues + 1).size();
                g.writeStartObject();
                g.writeStringField("key", key);
                g.writeNumberField("values", Math.min(values, maxTagValues));
                g.writeBooleanField("capped", values > maxTagValues);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void writeTenant(JsonGenerator g, TimeSeriesStore store, String tenant, Predicate<String> readable)
            throws IOException {
        long series = 0;
        for (String db : store.databases()) {
            if (tenant.equals(SeriesCardinality.tenantOf(db)) && readable.test(db)) {
                series += seriesOf(store, db, store.measurements(db));
            }
        }
        g.writeStartObject();
        g.writeStringField("tenant", tenant);
        g.writeNumberField("series", series);
        writeSketch(g, cardinality.tenant(tenant));
        g.writeEndObject();
    }

    /** Writes {@code estimated} and {@code growth} (series first seen since the start), null without a sketch. */
    private void writeSketch(JsonGenerator g, SeriesSketch sketch) throws IOException {
        if (sketch == null) {
            g.writeNullField("estimated");
            g.writeNullField("growth");
            return;
        }
        long now = cardinality.nowMillis();
        g.writeNumberField("estimated", sketch.estimate());
        g.writeObjectFieldStart("growth");
        g.writeNumberField("last_minute", sketch.growth(1, now));
        g.writeNumberField("last_hour", sketch.growth(60, now));
        g.writeEndObject();
    }

    private void writeWarnings(JsonGenerator g, String database, Predicate<String> readable) throws IOException {
        g.writeArrayFieldStart("warnings");
        for (SeriesCardinality.Warning w : cardinality.warnings(database)) {
            if (readable.test(w.database())) {
                g.writeStartObject();
                g.writeStringField("database", w.database());
                g.writeStringField("measurement", w.measurement());
                g.writeNumberField("series", w.series());
                g.writeNumberField("limit", w.limit());
                g.writeStringField("message", w.message());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    private static long seriesOf(TimeSeriesStore store, String db, List<String> measurements) {
        long series = 0;
        for (String m : measurements) {
            series += store.seriesCount(db, m);
        }
        return series;
    }

    /** Writes JSON into a 200 answer. */
    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static WriteResponse json(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WriteResponse(200, out.toString());
    }
}
