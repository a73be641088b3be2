package io.cairn.store.clickhouse.internal;

import io.cairn.api.store.StoreUnavailableException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads ClickHouse's TabSeparated output line by line, undoing its escapes field by field; an
 * error the server appends to a response it already started becomes a {@link StoreUnavailableException}.
 * Such an error is a line without a tab, so it is told from a row only when rows have several columns.
 */
final class TsvFields implements AutoCloseable {
    /** How 18.16 reports an error that happens after the response began: a line of text in the body. */
    private static final Pattern ERROR = Pattern.compile("Code: \\d+, e\\.displayText\\(\\) = DB::Exception");
    private final BufferedReader reader;
    private final int columns;

    /** Reads rows of a number of columns; with fewer than two, no line is taken for an error. */
    TsvFields(InputStream in, int columns) {
        this.columns = columns;
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Returns the fields of the next line, or null at the end. */
    String[] next() {
        String line;
        try {
            line = reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (line != null && columns > 1 && line.indexOf('\t') < 0 && ERROR.matcher(line).lookingAt()) {
            throw new StoreUnavailableException("ClickHouse failed while sending rows: " + line);
        }
        return line == null ? null : split(line);
    }

    /** Returns every remaining line's fields. */
    List<String[]> all() {
        List<String[]> rows = new ArrayList<>();
        for (String[] row = next(); row != null; row = next()) {
            rows.add(row);
        }
        return rows;
    }

    /** Splits one line at its tabs and unescapes each field. */
    static String[] split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char e = line.charAt(++i);
                field.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> e;
                });
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(new String[0]);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
