package io.cairn.ingest.internal;

import io.cairn.api.model.WriteBatch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cardinality accounting on the write path: a {@link SeriesSketch} per measurement and per tenant (the
 * {@code <tenant>__} prefix of a database) fed with every acknowledged write, the series limit each
 * measurement was last checked against, and a warning logged once per measurement when its stored series
 * reach 80% of that limit. Holds at most {@code maxSketches} sketches (16 KB each) and as many warnings,
 * dropping the least recently used. Thread safe.
 */
final class SeriesCardinality {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesCardinality.class);
    /** The share of a limit at which the operator is warned. */
    static final double WARNING_RATIO = 0.8;
    /** The separator between a tenant and its database in a physical database name. */
    static final String TENANT_SEPARATOR = "__";

    private final int maxSketches;
    private final Clock clock;
    private final Map<String, SeriesSketch> sketches;
    private final Map<String, Long> limits;
    private final Map<String, Warning> warnings;

    /** A measurement that reached {@link #WARNING_RATIO} of its series limit. */
    record Warning(String database, String measurement, long series, long limit, long atMillis) {
        String message() {
            return "metric " + measurement + " of " + database + " has " + series + " series, "
                    + Math.round(100.0 * series / limit) + "% of its limit of " + limit;
        }
    }

    SeriesCardinality(int maxSketches, Clock clock) {
        this.maxSketches = Math.max(1, maxSketches);
        this.clock = clock;
        this.sketches = bounded();
        this.limits = bounded();
        this.warnings = bounded();
    }

    private <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxSketches;
            }
        };
    }

    /** Returns the tenant of a physical database name, or null for a database outside any tenant. */
    static String tenantOf(String database) {
        int at = database.indexOf(TENANT_SEPARATOR);
        return at > 0 ? database.substring(0, at) : null;
    }

    /** Adds the series of acknowledged batches to their measurements' and tenants' sketches. */
    void record(Collection<WriteBatch> batches) {
        record(batches, BatchCodec.tagSets(batches, null));
    }

    /** Adds the series of acknowledged batches, whose tag sets' encodings are {@code tagSets}, to the sketches. */
    void record(Collection<WriteBatch> batches, byte[][][] tagSets) {
        long now = clock.millis();
        int b = 0;
        for (WriteBatch batch : batches) {
            byte[][] series = tagSets[b++];
            long prefix = SeriesHash.prefix(batch.database(), batch.measurement());
            long[] hashes = new long[series.length];
            for (int s = 0; s < hashes.length; s++) {
                hashes[s] = SeriesHash.of(prefix, series[s]);
            }
            sketch(key(batch.database(), batch.measurement()), now).add(hashes, hashes.length, now);
            String tenant = tenantOf(batch.database());
            if (tenant != null) {
                sketch(tenantKey(tenant), now).add(hashes, hashes.length, now);
            }
        }
    }

    private synchronized SeriesSketch sketch(String key, long now) {
        return sketches.computeIfAbsent(key, k -> new SeriesSketch(now));
    }

    /** Returns the sketch of a measurement, or null when nothing was written to it since the start. */
    synchronized SeriesSketch measurement(String database, String measurement) {
        return sketches.get(key(database, measurement));
    }

    /** Returns the sketch of a tenant, or null when nothing was written to it since the start. */
    synchronized SeriesSketch tenant(String tenant) {
        return sketches.get(tenantKey(tenant));
    }

    /**
     * Records the series a measurement holds and the limit it was checked against, and warns (once per
     * measurement) when they reach {@link #WARNING_RATIO} of the limit.
     */
    void checked(String database, String measurement, long series, long limit) {
        String key = key(database, measurement);
        Warning fresh = null;
        synchronized (this) {
            limits.put(key, limit);
            if (limit > 0 && series >= WARNING_RATIO * limit && !warnings.containsKey(key)) {
                fresh = new Warning(database, measurement, series, limit, clock.millis());
                warnings.put(key, fresh);
            }
        }
        if (fresh != null) {
            LOG.warn("Cardinality: {} (at the limit further new series are rejected with CARDINALITY_EXCEEDED)",
                    fresh.message());
        }
    }

    /** Returns the limit a measurement was last checked against, or -1 when it was not checked since the start. */
    synchronized long limit(String database, String measurement) {
        return limits.getOrDefault(key(database, measurement), -1L);
    }

    /** Returns the warnings of a database (every database when null), oldest first. */
    synchronized List<Warning> warnings(String database) {
        List<Warning> out = new ArrayList<>();
        for (Warning w : warnings.values()) {
            if (database == null || w.database().equals(database)) {
                out.add(w);
            }
        }
        out.sort(Comparator.comparingLong(Warning::atMillis));
        return out;
    }

    /** Returns the time now, in milliseconds since the epoch (the clock of the sketches). */
    long nowMillis() {
        return clock.millis();
    }

    private static String key(String database, String measurement) {
        return database + '\u0000' + measurement;
    }

    private static String tenantKey(String tenant) {
        return '\u0001' + tenant;
    }
}
