package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldType;

/**
 * The summary at the start of an encoded chunk: enough to answer COUNT, SUM, MIN, MAX and AVG
 * over the whole chunk without decoding its points. min, max and sum are NaN for non-numeric types.
 */
record ChunkHeader(FieldType type, int count, long minTime, long maxTime, double min, double max, double sum) {
}
