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
     * {@link #checkedSeries} marked (it may return them too).
     */
    Set<Tags> pendingSeries(String database, String measurement);

    /** Returns how many series with rows not yet flushed may be new to the store (all but those marked stored). */
    default int pendingSeriesCount(String database, String measurement) {
        return pendingSeries(database, measurement).size();
    }

    /** Returns how many series with rows not yet flushed {@link #checkedSeries} marked new. */
    default int pendingNewSeriesCount(String database, String measurement) {
        return 0;
    }

    /** Returns whether a series with rows not yet flushed was marked, stored or new, by {@link #checkedSeries}. */
    default boolean pendingChecked(String database, String measurement, Tags tags) {
        return false;
    }

    /**
     * Tells what {@code store} (the one {@link #store} returned) says of series {@link #pendingSeries} returned:
     * those it holds and those new to it, so that they are neither returned nor counted as possibly new again
     * while that store stays bound.
     */
    default void checkedSeries(TimeSeriesStore store, String database, String measurement, Collection<Tags> stored,
            Collection<Tags> fresh) {
    }

    /** Returns the cardinality accounting of the write path, or null when none is kept. */
    default SeriesCardinality cardinality() {
        return null;
    }
}
