package io.cairn.ingest.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.store.TimeSeriesStore;
import java.util.Collection;
import java.util.Set;

/** A series catalog whose pending series are those of a {@link WriteBuffer}, with the marks admission left there. */
interface BufferedSeriesCatalog extends SeriesCatalog {
    /** Returns the buffer holding the acknowledged rows not yet in the store. */
    WriteBuffer buffer();

    @Override
    default Set<Tags> pendingSeries(String database, String measurement) {
        return buffer().pendingSeries(database, measurement);
    }

    @Override
    default int pendingSeriesCount(String database, String measurement) {
        return buffer().pendingSeriesCount(database, measurement);
    }

    @Override
    default int pendingNewSeriesCount(String database, String measurement) {
        return buffer().pendingNewSeriesCount(database, measurement);
    }

    @Override
    default boolean pendingChecked(String database, String measurement, Tags tags) {
        return buffer().pendingChecked(database, measurement, tags);
    }

    @Override
    default void checkedSeries(TimeSeriesStore answered, String database, String measurement,
            Collection<Tags> stored, Collection<Tags> fresh) {
        buffer().markPending(answered, database, measurement, stored, fresh);
    }
}
