package io.cairn.store.parquet.internal;

import io.cairn.api.model.Tags;

/**
 * One row as the Parquet writer and the scans see it: a time, the series' tags and a value or
 * nothing for each field slot of a {@link Slots} layout.
 */
interface Row {
    long time();

    Tags tags();

    boolean has(int slot);

    double doubleAt(int slot);

    long longAt(int slot);

    boolean booleanAt(int slot);

    String stringAt(int slot);
}
