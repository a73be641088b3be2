package io.cairn.ingest.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.store.TimeSeriesStore;
import java.util.Collection;
import java.util.Set;

/** What validation needs to know about series: the bound store and the series not yet flushed to it. */
interface SeriesCatalog {
    /** Returns the bound store, or null while none is bound. */
    TimeSeriesStore store();

    /**
     * Returns the series of a measurement that have acknowledged rows not yet flushed to the store, except those
     * {@link #storedSeries} marked (it may return them too).
     */
    Set<Tags> pendingSeries(String database, String measurement);

    /** Returns how many series {@link #pendingSeries} would return, without copying them. */
    default int pendingSeriesCount(String database, String measurement) {
        return pendingSeries(database, measurement).size();
    }

    /**
     * Tells that series {@link #pendingSeries} returned are held by {@code store} (the one {@link #store} returned),
     * so it need not return them again while that store stays bound.
     */
    default void storedSeries(TimeSeriesStore store, String database, String measurement, Collection<Tags> stored) {
    }

    /** Returns the cardinality accounting of the write path, or null when none is kept. */
    default SeriesCardinality cardinality() {
        return null;
    }
}
