package io.cairn.store.clickhouse.internal;

/**
 * A ClickHouse server version and the features that depend on it; 18.16 (Debian's) lacks Map,
 * DateTime64, table TTL and codecs, so the store's tables use none of them.
 *
 * @param major the year-based major version, e.g. 18
 * @param minor the minor version, e.g. 16
 */
record ServerVersion(int major, int minor) {
    /** Parses {@code 18.16.1} or {@code 23.8.2.7}; anything unreadable is 0.0. */
    static ServerVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        try {
            return new ServerVersion(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        } catch (NumberFormatException e) {
            return new ServerVersion(0, 0);
        }
    }

    /** Returns the version as one comparable number, e.g. 18016 for 18.16. */
    int number() {
        return major * 1000 + minor;
    }
}
