package io.cairn.store.clickhouse.internal;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where and how to reach ClickHouse, resolved from the component configuration, then the
 * framework properties {@code cairn.clickhouse.*} (which the launcher fills from
 * {@code CAIRN_CLICKHOUSE_*}), then defaults.
 *
 * @param urls HTTP endpoints, e.g. {@code http://127.0.0.1:8123}
 * @param database the ClickHouse database that holds Cairn's tables
 * @param user the ClickHouse user
 * @param password the user's password
 * @param connectTimeoutMillis how long to wait for a connection
 * @param socketTimeoutMillis how long to wait for data on a connection
 * @param batchRows the most rows sent in one INSERT
 * @param partitionByMonth true for one partition per month, false for one per day
 * @param sharedDatabase true when several Cairn nodes write the database: every read then uses FINAL
 */
record ClickHouseSettings(List<String> urls, String database, String user, String password,
        long connectTimeoutMillis, long socketTimeoutMillis, int batchRows, boolean partitionByMonth,
        boolean sharedDatabase) {
    static final String DEFAULT_URL = "http://127.0.0.1:8123";
    static final String DEFAULT_DATABASE = "cairn";

    /** Checks the values. */
    ClickHouseSettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty() || database.isBlank()) {
            throw new IllegalArgumentException("ClickHouse needs a URL and a database");
        }
        if (batchRows < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
    }

    /** Returns the settings of a configuration, taking blank values from framework properties, then defaults. */
    static ClickHouseSettings resolve(ClickHouseStore.Config config, UnaryOperator<String> frameworkProperty) {
        String url = pick(config.url(), frameworkProperty.apply("cairn.clickhouse.url"), DEFAULT_URL);
        List<String> urls = List.of(url.split("\\s*,\\s*"));
        return new ClickHouseSettings(urls,
                pick(config.database(), frameworkProperty.apply("cairn.clickhouse.database"), DEFAULT_DATABASE),
                pick(config.user(), frameworkProperty.apply("cairn.clickhouse.user"), "default"),
                pick(config.password(), frameworkProperty.apply("cairn.clickhouse.password"), ""),
                config.connect_timeout_ms(), config.socket_timeout_ms(), config.batch_size(),
                "month".equalsIgnoreCase(config.partition_by()),
                config.shared_database() || "true".equalsIgnoreCase(
                        String.valueOf(frameworkProperty.apply("cairn.clickhouse.shared")).trim()));
    }

    private static String pick(String configured, String property, String fallback) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        if (property != null && !property.isBlank()) {
            return property.trim();
        }
        return fallback;
    }

    /** Returns the same settings for a database several Cairn nodes write (shared) or one node writes. */
    ClickHouseSettings withSharedDatabase(boolean shared) {
        return new ClickHouseSettings(urls, database, user, password, connectTimeoutMillis, socketTimeoutMillis,
                batchRows, partitionByMonth, shared);
    }

    /** Returns the settings with a password hidden, for logs. */
    @Override
    public String toString() {
        return "ClickHouse " + urls + " database " + database + " as " + user + (sharedDatabase ? " (shared)" : "");
    }
}
