package io.cairn.ingest.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The series-level checks of one write request: the request's write permission on the measurement
 * ({@link WriteAccess}, checked first so a refused measurement reveals nothing of the store), then against
 * the bound store: the FLOAT field
 * {@code value} must not clash with a stored type, and a metric may not grow past its series limit
 * (counting stored series, series buffered but not yet flushed, and new series of this request).
 * Without a store (or when it cannot answer) everything is admitted. The counts it finds go to the
 * {@link SeriesCardinality} accounting, which warns at 80% of the limit. Not thread safe.
 */
final class SeriesAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesAdmission.class);

    private final SeriesCatalog catalog;
    private final String database;
    private final long maxSeries;
    private final boolean checkValueField;
    private final WriteAccess access;
    private final Map<String, MeasurementState> measurements = new HashMap<>();

    private static final class MeasurementState {
        boolean typeConflict;
        FieldType storedType;
        long count;
        boolean exact;
        int pendingCount;
        Set<Tags> pending = Set.of();
        final Set<Tags> known = new HashSet<>();
        TimeSeriesStore checkedIn;
        final List<Tags> foundStored = new ArrayList<>();
        final List<Tags> foundNew = new ArrayList<>();
    }

    SeriesAdmission(SeriesCatalog catalog, String database, long maxSeries) {
        this(catalog, database, maxSeries, true, WriteAccess.ALL);
    }

    /**
     * Creates an admission that only counts series, leaving field types to the caller (line
     * protocol, whose fields are not the JSON write's single FLOAT {@code value}).
     */
    SeriesAdmission(SeriesCatalog catalog, String database, long maxSeries, boolean checkValueField) {
        this(catalog, database, maxSeries, checkValueField, WriteAccess.ALL);
    }

    /** Creates an admission that also checks the request's write permission per measurement. */
    SeriesAdmission(SeriesCatalog catalog, String database, long maxSeries, boolean checkValueField,
            WriteAccess access) {
        this.catalog = catalog;
        this.database = database;
        this.maxSeries = maxSeries;
        this.checkValueField = checkValueField;
        this.access = access;
    }

    /** Returns whether the request may write a measurement at all. */
    boolean permits(String measurement) {
        return access.permits(measurement);
    }

    /** Admits a series of a metric (counting it from now on), or returns why not. */
    ItemError admit(String measurement, Tags tags) {
        ItemError forbidden = access.check(measurement);
        if (forbidden != null) {
            return forbidden;
        }
        TimeSeriesStore store = catalog.store();
        if (store == null) {
            return null;
        }
        try {
            MeasurementState state = measurements.get(measurement);
            if (state == null) {
                state = load(store, measurement);
                measurements.put(measurement, state);
            }
            if (state.typeConflict) {
                return new ItemError(ItemError.FIELD_TYPE_CONFLICT,
                        "field 'value' of metric " + measurement + " is stored as " + state.storedType + ", not FLOAT");
            }
            if (state.known.contains(tags)) {
                return null;
            }
            if (!state.exact) {
                if (state.count + state.pendingCount + state.known.size() < maxSeries) {
                    state.known.add(tags);
                    return null;
                }
                settle(store, measurement, state);
            }
            if (state.pending.contains(tags) || catalog.pendingChecked(database, measurement, tags)) {
                state.known.add(tags);
                return null;
            }
            if (store.seriesExists(database, measurement, tags)) {
                state.known.add(tags);
                state.foundStored.add(tags);
                return null;
            }
            if (state.count >= maxSeries) {
                return new ItemError(ItemError.CARDINALITY_EXCEEDED,
                        "metric " + measurement + " already has " + state.count + " series, the limit");
            }
            state.count++;
            state.known.add(tags);
            state.foundNew.add(tags);
            report(measurement, state);
            return null;
        } catch (RuntimeException e) {
            LOG.debug("Store cannot answer series checks; admitting", e);
            return null;
        }
    }

    /**
     * Tells the catalog what this request found out about the series it has just written (now buffered): those
     * the store holds and those new to it, so that other requests near the limit do not look them up again.
     */
    void written() {
        measurements.forEach((measurement, state) -> {
            if (state.checkedIn != null) {
                catalog.checkedSeries(state.checkedIn, database, measurement, state.foundStored, state.foundNew);
            }
        });
    }

    private MeasurementState load(TimeSeriesStore store, String measurement) {
        MeasurementState state = new MeasurementState();
        state.storedType = store.fields(database, measurement).get("value");
        state.typeConflict = checkValueField && state.storedType != null && state.storedType != FieldType.FLOAT;
        state.count = store.seriesCount(database, measurement);
        state.pendingCount = catalog.pendingSeriesCount(database, measurement);
        report(measurement, state);
        return state;
    }

    /** Tells the cardinality accounting how many series a metric holds against its limit (it warns at 80%). */
    private void report(String measurement, MeasurementState state) {
        SeriesCardinality cardinality = catalog.cardinality();
        if (cardinality != null) {
            cardinality.checked(database, measurement, state.count, maxSeries);
        }
    }

    /**
     * Counts exactly, once a metric comes near its limit: the pending series and those admitted so
     * far that the store does not hold yet are new. Until then the upper bound (stored + pending +
     * admitted) proves the limit is far, without a store lookup per series nor a copy of the pending series.
     * Pending series found stored or new are marked in the catalog, so later requests count them without looking
     * them up again while they stay buffered (those stored no longer count in the bound).
     */
    private void settle(TimeSeriesStore store, String measurement, MeasurementState state) {
        state.pending = catalog.pendingSeries(database, measurement);
        state.count += catalog.pendingNewSeriesCount(database, measurement);
        Set<Tags> unchecked = new HashSet<>(state.pending);
        for (Tags t : state.known) {
            if (!catalog.pendingChecked(database, measurement, t)) {
                unchecked.add(t);
            }
        }
        List<Tags> stored = new ArrayList<>();
        List<Tags> fresh = new ArrayList<>();
        for (Tags t : unchecked) {
            if (store.seriesExists(database, measurement, t)) {
                stored.add(t);
            } else {
                fresh.add(t);
                state.count++;
            }
        }
        catalog.checkedSeries(store, database, measurement, stored, fresh);
        state.checkedIn = store;
        state.foundStored.addAll(stored);
        state.foundNew.addAll(fresh);
        state.exact = true;
        report(measurement, state);
    }
}
