package io.cairn.query.internal.sql;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.sql.ResultSet;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.util.ArrayIteratorCursor;
import org.apache.calcite.avatica.util.Cursor;
import org.apache.calcite.avatica.util.IteratorCursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current row of a Calcite result set as Calcite holds it, an {@code Object[]} of its internal values, read
 * without a JDBC getter per value (on a wide result the getters took half of the server's time). Only for results
 * whose rows are arrays; null where this Calcite keeps them otherwise, and the getters are used.
 */
final class CalciteRows {
    private static final Logger LOG = LoggerFactory.getLogger(CalciteRows.class);
    private static final VarHandle CURSOR;
    private static final MethodHandle CURRENT;

    static {
        VarHandle cursor = null;
        MethodHandle current = null;
        try {
            cursor = MethodHandles.privateLookupIn(AvaticaResultSet.class, MethodHandles.lookup())
                    .findVarHandle(AvaticaResultSet.class, "cursor", Cursor.class);
            current = MethodHandles.privateLookupIn(IteratorCursor.class, MethodHandles.lookup())
                    .findVirtual(IteratorCursor.class, "current", MethodType.methodType(Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("SQL result rows are read through JDBC getters (slower): {}", e.toString());
        }
        CURSOR = cursor;
        CURRENT = current;
    }

    private final IteratorCursor<?> cursor;

    private CalciteRows(IteratorCursor<?> cursor) {
        this.cursor = cursor;
    }

    /** Returns raw access to a result set's rows, or null when its rows are not arrays Calcite lets us read. */
    static CalciteRows of(ResultSet rs) {
        if (CURSOR == null || CURRENT == null || !(rs instanceof AvaticaResultSet avatica)) {
            return null;
        }
        return CURSOR.get(avatica) instanceof ArrayIteratorCursor c ? new CalciteRows(c) : null;
    }

    /** The row the result set is on (after its {@code next()} returned true). */
    Object[] current() {
        try {
            return (Object[]) CURRENT.invoke(cursor);
        } catch (Throwable e) {
            throw new IllegalStateException("reading a Calcite row failed", e);
        }
    }
}
