package io.cairn.security.internal;

/** A secret a request presented and where it was found. */
record Credential(Source source, String secret) {
    /** Where a credential can be presented. */
    enum Source {
        /** {@code Authorization: Bearer <t>}. */
        BEARER,
        /** {@code Authorization: Token <t>} (InfluxDB 2.x clients). */
        TOKEN,
        /** {@code Authorization: Basic} with the token as password (InfluxDB 1.x clients). */
        BASIC,
        /** The {@code x-api-key} header. */
        API_KEY,
        /** The {@code u}/{@code p} query parameters on {@code /write} and {@code /query} (InfluxDB 1.x). */
        QUERY
    }
}
