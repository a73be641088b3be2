package io.cairn.query.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;

/** Receives the raw points of a scan, each series' points in ascending time. */
interface PointSink {
    /** Takes the value at {@code row} of {@code column} of a series at a time. */
    void point(Tags series, long timeNanos, FieldColumn column, int row);
}
