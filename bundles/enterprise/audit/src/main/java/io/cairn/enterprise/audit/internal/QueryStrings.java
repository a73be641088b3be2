package io.cairn.enterprise.audit.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads raw query strings without touching the request body, and strips credentials from them. */
final class QueryStrings {
    /** Parameters that carry credentials: never kept. */
    static final Set<String> SECRET_PARAMETERS = Set.of("token", "u", "p", "password");
    private static final int MAX_KEPT = 1024;

    private QueryStrings() {
    }

    /** Returns the first value of a parameter, percent-decoded, or null. */
    static String parameter(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (decode(key).equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    /** Returns the raw query without credential parameters, cut to 1 KiB; null when nothing is left. */
    static String withoutSecrets(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (!key.isEmpty() && !SECRET_PARAMETERS.contains(key)) {
                kept.add(pair);
            }
        }
        String query = String.join("&", kept);
        if (query.isEmpty()) {
            return null;
        }
        return query.length() > MAX_KEPT ? query.substring(0, MAX_KEPT) : query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return text;
        }
    }
}
