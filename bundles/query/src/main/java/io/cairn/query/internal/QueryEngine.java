package io.cairn.query.internal;

/**
 * Executes dashboard queries. This engine reads the store SPI directly
 * ({@link StoreQueryEngine}); a SQL engine can take over by implementing this interface.
 */
interface QueryEngine {
    /**
     * Executes a query.
     *
     * @throws QueryException when the query cannot be answered (timeout, too many groups, bad field)
     * @throws io.cairn.api.store.StoreUnavailableException when the store cannot serve now
     */
    QueryResult execute(DashboardQuery query, Deadline deadline);
}
