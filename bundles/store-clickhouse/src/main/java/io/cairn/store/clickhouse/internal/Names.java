package io.cairn.store.clickhouse.internal;

import io.cairn.api.model.Tags;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * How Cairn's names become ClickHouse names: a table per measurement named from a readable
 * prefix and a hash of (database, measurement); a column per tag key that decodes back to the key
 * ({@code t_host}, or {@code x_} and the key's UTF-8 in hex when it is not a plain word); and the
 * series key, a reversible text of the sorted tag pairs that orders like the tags.
 */
final class Names {
    /** Prefix of the columns that hold tags whose keys are plain words. */
    static final String PLAIN_TAG = "t_";
    /** Prefix of the columns that hold tags with any other key. */
    static final String HEX_TAG = "x_";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_]{1,100}");
    private static final int MAX_HEX_KEY_BYTES = 100;
    private static final HexFormat HEX = HexFormat.of();

    private Names() {
    }

    /** Returns the table of a measurement, e.g. {@code m_default_cpu_3f2a…}; the same on every node. */
    static String table(String database, String measurement) {
        String readable = (database + "_" + measurement).replaceAll("[^A-Za-z0-9_]", "_");
        if (readable.length() > 40) {
            readable = readable.substring(0, 40);
        }
        byte[] hash = sha256(database + "\0" + measurement);
        return "m_" + readable + "_" + HEX.formatHex(hash, 0, 8);
    }

    /**
     * Returns the column of a tag key.
     *
     * @throws IllegalArgumentException if the key is too long for a column name
     */
    static String tagColumn(String key) {
        if (PLAIN.matcher(key).matches()) {
            return PLAIN_TAG + key;
        }
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        if (utf8.length == 0 || utf8.length > MAX_HEX_KEY_BYTES) {
            throw new IllegalArgumentException("tag key of " + utf8.length + " bytes: ClickHouse columns take keys of 1 to "
                    + MAX_HEX_KEY_BYTES + " bytes");
        }
        return HEX_TAG + HEX.formatHex(utf8);
    }

    /** Returns the tag key of a column, or null when the column holds no tag. */
    static String tagKey(String column) {
        if (column.startsWith(PLAIN_TAG)) {
            return column.substring(PLAIN_TAG.length());
        }
        if (column.startsWith(HEX_TAG)) {
            try {
                return new String(HEX.parseHex(column.substring(HEX_TAG.length())), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** Returns the series key of a tag set: {@code key=value} pairs joined by commas, with {@code \ = ,} escaped. */
    static String seriesKey(Tags tags) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            escape(tags.key(i), sb);
            sb.append('=');
            escape(tags.value(i), sb);
        }
        return sb.toString();
    }

    /** Returns the tag set a series key was made from. */
    static Tags tagsOf(String seriesKey) {
        if (seriesKey.isEmpty()) {
            return Tags.EMPTY;
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < seriesKey.length(); i++) {
            char c = seriesKey.charAt(i);
            if (c == '\\' && i + 1 < seriesKey.length()) {
                part.append(seriesKey.charAt(++i));
            } else if (c == '=' || c == ',') {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return Tags.of(parts.toArray(new String[0]));
    }

    private static void escape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '=' || c == ',') {
                sb.append('\\');
            }
            sb.append(c);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
