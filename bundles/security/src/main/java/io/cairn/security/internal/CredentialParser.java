package io.cairn.security.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the credential of a request: the {@code Authorization} header (Bearer, Token, Basic), else
 * {@code x-api-key}, else the InfluxDB 1.x {@code u}/{@code p} query parameters on the paths those
 * clients use. A header that is present but malformed gives an empty secret, which never matches.
 */
final class CredentialParser {
    /** The only paths on which a token may travel in the query string. */
    static final Set<String> QUERY_CREDENTIAL_PATHS = Set.of("/write", "/query");

    private CredentialParser() {
    }

    /** Returns the credential presented, or empty when the request presents none. */
    static Optional<Credential> parse(String authorization, String apiKey, String path, String rawQuery) {
        if (authorization != null && !authorization.isBlank()) {
            return Optional.of(fromAuthorization(authorization.trim()));
        }
        if (apiKey != null && !apiKey.isBlank()) {
            return Optional.of(new Credential(Credential.Source.API_KEY, apiKey.trim()));
        }
        if (QUERY_CREDENTIAL_PATHS.contains(path)) {
            String password = queryParameter(rawQuery, "p");
            if (password != null && !password.isEmpty()) {
                return Optional.of(new Credential(Credential.Source.QUERY, password));
            }
        }
        return Optional.empty();
    }

    private static Credential fromAuthorization(String header) {
        int space = header.indexOf(' ');
        String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
        String value = space < 0 ? "" : header.substring(space + 1).trim();
        return switch (scheme) {
            case "bearer" -> new Credential(Credential.Source.BEARER, value);
            case "token" -> new Credential(Credential.Source.TOKEN, value);
            case "basic" -> new Credential(Credential.Source.BASIC, basicPassword(value));
            default -> new Credential(Credential.Source.BEARER, "");
        };
    }

    /** Returns the password of {@code user:password}, or the user when the password is empty. */
    private static String basicPassword(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return decoded;
        }
        String password = decoded.substring(colon + 1);
        return password.isEmpty() ? decoded.substring(0, colon) : password;
    }

    /** Returns the decoded first value of a query parameter, read by hand so a form body is never consumed. */
    static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        String prefix = name + "=";
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(prefix)) {
                try {
                    return URLDecoder.decode(pair.substring(prefix.length()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException badEscape) {
                    return "";
                }
            }
        }
        return null;
    }
}
