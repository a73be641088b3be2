package io.cairn.ingest.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reads query parameters from a raw query string by hand, so a form body is never consumed. */
final class QueryParameters {
    /** Stands for a parameter whose value cannot be decoded. */
    static final String UNDECODABLE = new String("\u0000undecodable");

    private QueryParameters() {
    }

    /** Returns the first value of a parameter, null when absent, {@link #UNDECODABLE} when malformed. */
    static String get(String query, String name) {
        if (query == null) {
            return null;
        }
        String prefix = name + "=";
        for (String pair : query.split("&")) {
            if (pair.startsWith(prefix)) {
                try {
                    return URLDecoder.decode(pair.substring(prefix.length()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException badEscape) {
                    return UNDECODABLE;
                }
            }
        }
        return null;
    }
}
