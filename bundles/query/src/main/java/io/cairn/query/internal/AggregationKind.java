package io.cairn.query.internal;

import io.cairn.api.store.AggregateFunction;
import java.util.Locale;

/**
 * What a query computes per group and bucket. Percentiles are exact and use the nearest-rank
 * method: of the n values sorted ascending, the p-th percentile is the value at 1-based rank
 * ⌈p/100 · n⌉. {@link #INTEGRAL} is the trapezoid area in value·seconds. {@link #RATE} is not
 * selectable as an aggregation: it is what a {@code rate} query computes.
 */
enum AggregationKind {
    AVG(AggregateFunction.AVG, 0),
    SUM(AggregateFunction.SUM, 0),
    COUNT(AggregateFunction.COUNT, 0),
    MIN(AggregateFunction.MIN, 0),
    MAX(AggregateFunction.MAX, 0),
    P50(AggregateFunction.P50, 50),
    P95(AggregateFunction.P95, 95),
    P99(AggregateFunction.P99, 99),
    INTEGRAL(AggregateFunction.INTEGRAL, 0),
    RATE(AggregateFunction.INCREASE, 0);

    private final AggregateFunction storeFunction;
    private final int percentile;

    AggregationKind(AggregateFunction storeFunction, int percentile) {
        this.storeFunction = storeFunction;
        this.percentile = percentile;
    }

    /** Returns the store SPI function that computes this (for a rate: the increase it divides by time). */
    AggregateFunction storeFunction() {
        return storeFunction;
    }

    /** Returns the percentile (1–99), or 0 when this is not a percentile. */
    int percentile() {
        return percentile;
    }

    /** Returns whether computing this needs consecutive points of each series. */
    boolean needsSeriesOrder() {
        return this == INTEGRAL || this == RATE;
    }

    /** Returns the name used in JSON. */
    String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the kind a user may name in {@code aggregation}, or null. */
    static AggregationKind ofJsonName(String name) {
        for (AggregationKind k : values()) {
            if (k != RATE && k.jsonName().equals(name)) {
                return k;
            }
        }
        return null;
    }
}
