package io.cairn.enterprise.rbac.internal;

import io.cairn.api.access.RowFilter;
import io.cairn.api.store.TagPredicate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a role's row filter: {@code AND}-joined conditions {@code key = 'value'} or
 * {@code key IN ('a','b')}, values single-quoted ({@code ''} is a quote), keys bare
 * ({@code [A-Za-z_][A-Za-z0-9_.-]*}) or double-quoted ({@code ""} is a quote); keywords in any case.
 */
final class RowFilterParser {
    /** The longest row filter accepted. */
    static final int MAX_LENGTH = 4096;

    private final String text;
    private int pos;

    private RowFilterParser(String text) {
        this.text = text;
    }

    /**
     * Returns the filter a text describes; a blank text is {@link RowFilter#ALL}.
     *
     * @throws RbacException 400 INVALID_ROW_FILTER with the position of the first mistake
     */
    static RowFilter parse(String text) {
        if (text == null || text.isBlank()) {
            return RowFilter.ALL;
        }
        if (text.length() > MAX_LENGTH) {
            throw new RbacException(400, "INVALID_ROW_FILTER", "a row filter has at most " + MAX_LENGTH + " characters",
                    Map.of("field", "row_filter"));
        }
        return RowFilter.of(new RowFilterParser(text).conjunction());
    }

    private List<TagPredicate> conjunction() {
        List<TagPredicate> predicates = new ArrayList<>();
        predicates.add(condition());
        skipSpace();
        while (pos < text.length()) {
            expectKeyword("AND");
            predicates.add(condition());
            skipSpace();
        }
        return predicates;
    }

    private TagPredicate condition() {
        String key = key();
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '=') {
            pos++;
            return new TagPredicate(key, Set.of(value()));
        }
        expectKeyword("IN");
        expect('(');
        Set<String> values = new LinkedHashSet<>();
        values.add(value());
        skipSpace();
        while (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
            values.add(value());
            skipSpace();
        }
        expect(')');
        return new TagPredicate(key, values);
    }

    private String key() {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '"') {
            String key = quoted('"');
            if (key.isEmpty()) {
                throw mistake("a tag key cannot be empty");
            }
            return key;
        }
        int start = pos;
        while (pos < text.length() && isKeyChar(text.charAt(pos), pos == start)) {
            pos++;
        }
        if (pos == start) {
            throw mistake("expected a tag key");
        }
        return text.substring(start, pos);
    }

    private String value() {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != '\'') {
            throw mistake("expected a single-quoted value");
        }
        String value = quoted('\'');
        if (value.isEmpty()) {
            throw mistake("a tag value cannot be empty");
        }
        return value;
    }

    private String quoted(char quote) {
        int open = pos++;
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c != quote) {
                out.append(c);
            } else if (pos < text.length() && text.charAt(pos) == quote) {
                out.append(quote);
                pos++;
            } else {
                return out.toString();
            }
        }
        pos = open;
        throw mistake("unterminated quote");
    }

    private void expectKeyword(String keyword) {
        skipSpace();
        int end = pos + keyword.length();
        boolean matches = text.regionMatches(true, pos, keyword, 0, keyword.length())
                && (end == text.length() || !isKeyChar(text.charAt(end), false));
        if (!matches) {
            throw mistake("expected " + keyword);
        }
        pos = end;
    }

    private void expect(char c) {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw mistake("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isKeyChar(char c, boolean first) {
        boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        return first ? letter : letter || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }

    private RbacException mistake(String what) {
        String near = pos >= text.length() ? "the end" : "position " + pos;
        return new RbacException(400, "INVALID_ROW_FILTER",
                "row filter: " + what + " at " + near + " (write e.g. env = 'production' AND region IN ('eu','us'))",
                Map.of("field", "row_filter", "position", pos));
    }
}
