package io.cairn.query.internal.sql;

import io.cairn.api.store.TimeSeriesStore;

/**
 * Where a statement's plan may be reused: over views of the same store and for the same tenant.
 *
 * @param source the store service behind the request's view (its change empties the plan cache)
 * @param tenant the request's tenant, null for a global principal
 */
public record PlanScope(TimeSeriesStore source, String tenant) {
}
