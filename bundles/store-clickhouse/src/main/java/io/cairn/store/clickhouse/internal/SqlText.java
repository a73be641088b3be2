package io.cairn.store.clickhouse.internal;

import java.util.Collection;
import java.util.Iterator;

/**
 * Writes user text into ClickHouse SQL: string literals in single quotes and identifiers in
 * back quotes, with every character that could end or bend them escaped. Nothing a user sent
 * ever reaches a query except through these methods (18.16 has no server-side parameters).
 */
final class SqlText {
    private SqlText() {
    }

    /** Returns a string literal, e.g. {@code 'it\'s'}. */
    static String literal(String text) {
        return quote(text, '\'');
    }

    /** Returns a quoted identifier (database, table or column name), e.g. {@code `my table`}. */
    static String identifier(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an identifier must not be empty");
        }
        return quote(name, '`');
    }

    /** Returns a parenthesised list of literals for IN, e.g. {@code ('a', 'b')}; values are sorted by the caller. */
    static String literalList(Collection<String> values) {
        StringBuilder sb = new StringBuilder("(");
        Iterator<String> it = values.iterator();
        while (it.hasNext()) {
            sb.append(literal(it.next()));
            if (it.hasNext()) {
                sb.append(", ");
            }
        }
        return sb.append(')').toString();
    }

    private static String quote(String text, char quote) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '`' -> sb.append("\\`");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\0' -> sb.append("\\0");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(quote).toString();
    }
}
