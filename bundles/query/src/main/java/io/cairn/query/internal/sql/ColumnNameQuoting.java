package io.cairn.query.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets {@code time} and {@code value}, Cairn's usual column names but SQL reserved words, be
 * written unquoted: quotes them where they stand for a column or alias (not in {@code TIME '...'},
 * {@code CAST(x AS TIME)}, {@code WITH TIME ZONE} or {@code NEXT VALUE FOR}); quotes the function
 * names {@code first(} and {@code last(}, keywords of the parser, too. Only the statement's
 * own text is touched, never a parameter; error positions are mapped back to the original text.
 */
final class ColumnNameQuoting {
    /** Statements up to this length are remembered with their rewrite: dashboards send the same text again. */
    private static final int REMEMBERED_CHARS = 8192;
    private static final int REMEMBERED_STATEMENTS = 1024;
    private static final Map<String, ColumnNameQuoting> REMEMBERED = new ConcurrentHashMap<>();

    private final String original;
    private final StringBuilder out = new StringBuilder();
    private String rewritten;
    /** Per inserted quote pair: its line (1-based) and the rewritten column (1-based) after which columns shift. */
    private final List<int[]> insertions = new ArrayList<>();

    private ColumnNameQuoting(String original) {
        this.original = original;
    }

    /** Returns the rewritten statement and the mapping of its positions (immutable, shared by equal statements). */
    static ColumnNameQuoting of(String sql) {
        ColumnNameQuoting q = REMEMBERED.get(sql);
        if (q == null) {
            q = new ColumnNameQuoting(sql);
            q.rewrite();
            q.rewritten = q.out.toString();
            if (sql.length() <= REMEMBERED_CHARS) {
                if (REMEMBERED.size() >= REMEMBERED_STATEMENTS) {
                    REMEMBERED.clear();
                }
                REMEMBERED.put(sql, q);
            }
        }
        return q;
    }

    String sql() {
        return rewritten;
    }

    /** Maps a column of the rewritten text on a line back to the column of the original text. */
    int originalColumn(int line, int column) {
        int shift = 0;
        for (int[] i : insertions) {
            if (i[0] == line && i[1] < column) {
                shift += 2;
            }
        }
        return Math.max(1, column - shift);
    }

    private void rewrite() {
        String s = original;
        List<String> words = new ArrayList<>();
        List<Integer> castDepths = new ArrayList<>();
        int depth = 0;
        int lines = 1;
        int lastNewline = -1;
        int scanned = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closing(s, i, c);
                out.append(s, i, end);
                words.add(c == '\'' ? "'" : "\"");
                i = end;
            } else if (s.startsWith("--", i)) {
                int end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
                out.append(s, i, end);
                i = end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                out.append(s, i, end);
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_' || s.charAt(end) == '$')) {
                    end++;
                }
                String word = s.substring(i, end);
                String upper = word.toUpperCase(Locale.ROOT);
                if (isColumn(upper, words, s, end, depth, castDepths)) {
                    for (; scanned < out.length(); scanned++) {
                        if (out.charAt(scanned) == '\n') {
                            lines++;
                            lastNewline = scanned;
                        }
                    }
                    insertions.add(new int[] {lines, out.length() - lastNewline});
                    out.append('"').append(word.toLowerCase(Locale.ROOT)).append('"');
                } else {
                    out.append(word);
                }
                if (upper.equals("CAST") && next(s, end) == '(') {
                    castDepths.add(depth + 1);
                }
                words.add(upper);
                i = end;
            } else {
                if (c == '(') {
                    depth++;
                    words.add("(");
                } else if (c == ')') {
                    castDepths.remove(Integer.valueOf(depth));
                    depth--;
                    words.add(")");
                } else if (!Character.isWhitespace(c)) {
                    words.add(String.valueOf(c));
                }
                out.append(c);
                i++;
            }
        }
    }

    private static boolean isColumn(String upper, List<String> words, String s, int end, int depth, List<Integer> castDepths) {
        String previous = words.isEmpty() ? "" : words.get(words.size() - 1);
        char following = next(s, end);
        if (upper.equals("TIME")) {
            boolean literal = following == '\'';
            boolean zone = nextWord(s, end).equals("ZONE") || previous.equals("WITH") || previous.equals("WITHOUT");
            boolean castType = previous.equals("AS") && castDepths.contains(depth);
            return !literal && !zone && !castType;
        }
        if (upper.equals("FIRST") || upper.equals("LAST")) {
            return following == '(';
        }
        return upper.equals("VALUE") && !previous.equals("NEXT");
    }

    private static int closing(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    private static char next(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i < s.length() ? s.charAt(i) : 0;
    }

    private static String nextWord(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int end = i;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return s.substring(i, end).toUpperCase(Locale.ROOT);
    }
}
