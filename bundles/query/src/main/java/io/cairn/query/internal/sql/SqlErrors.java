package io.cairn.query.internal.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Turns Calcite's parse, validation and execution failures into 400 INVALID_QUERY with positions. */
final class SqlErrors {
    private static final int MAX_MESSAGE = 600;

    private SqlErrors() {
    }

    /**
     * Returns the client error a failure stands for, or null when it is not the statement's fault.
     *
     * @param quoting the rewriting of the statement, to map positions back
     * @param prefix characters added before the statement on its first line (EXPLAIN PLAN FOR)
     */
    static SqlQueryException translate(Throwable failure, ColumnNameQuoting quoting, int prefix) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SqlQueryException e) {
                return e;
            }
            if (t instanceof InvalidSqlException e) {
                return SqlQueryException.invalid(e.getMessage(), Map.of());
            }
            if (t instanceof SqlParseException e) {
                SqlParserPos pos = e.getPos();
                String message = firstLines(e.getMessage());
                if (pos == null) {
                    return SqlQueryException.invalid(message, Map.of());
                }
                return positioned(message, quoting, prefix, pos.getLineNum(), pos.getColumnNum(),
                        pos.getEndLineNum(), pos.getEndColumnNum());
            }
            if (t instanceof CalciteContextException e) {
                String message = e.getCause() != null && e.getCause().getMessage() != null
                        ? e.getCause().getMessage() : e.getMessage();
                return positioned(message, quoting, prefix, e.getPosLine(), e.getPosColumn(),
                        e.getEndPosLine(), e.getEndPosColumn());
            }
        }
        return null;
    }

    private static SqlQueryException positioned(String message, ColumnNameQuoting quoting, int prefix,
            int line, int column, int endLine, int endColumn) {
        int c = quoting.originalColumn(line, line == 1 ? column - prefix : column);
        int ec = quoting.originalColumn(endLine, endLine == 1 ? endColumn - prefix : endColumn);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("line", line);
        details.put("column", c);
        details.put("end_line", endLine);
        details.put("end_column", ec);
        return SqlQueryException.invalid("From line " + line + ", column " + c + " to line " + endLine
                + ", column " + ec + ": " + message, details);
    }

    /** Calcite's parse messages list every expected token; keep what fits a reply. */
    private static String firstLines(String message) {
        String m = message == null ? "syntax error" : message;
        int expecting = m.indexOf("Was expecting");
        if (expecting > 0) {
            m = m.substring(0, expecting).trim();
        }
        m = m.replaceAll(" at line \\d+, column \\d+\\.?", "");
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "…" : m;
    }
}
