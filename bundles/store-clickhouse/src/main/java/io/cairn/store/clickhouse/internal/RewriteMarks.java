package io.cairn.store.clickhouse.internal;

import static io.cairn.store.clickhouse.internal.SqlText.identifier;
import static io.cairn.store.clickhouse.internal.SqlText.literal;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The shared table {@value TableCatalog#MARKS} of writes that may repeat rows already stored (a retried
 * flush, a WAL replay, a late or rewritten point): a writer marks the time range of such a write before
 * it inserts and settles the mark when the insert returned; {@link PartitionCompactor} merges the
 * partitions of settled marks with {@code OPTIMIZE … FINAL} and then clears them. Reads use FINAL only
 * while an uncleared mark overlaps their time range. Every node sees the marks, since they live in ClickHouse;
 * times of the marks' rows are the server's ({@code now()}), so node clocks do not matter.
 */
final class RewriteMarks {
    /** A mark's state: its insert may still be running. */
    static final int MARKED = 1;
    /** A mark's state: its insert returned (or failed). */
    static final int SETTLED = 2;
    /** A mark's state: its partitions were merged, reads need no FINAL for it. */
    static final int CLEARED = 3;

    private final ServerConnection server;
    private final String qualified;
    private volatile boolean written;

    RewriteMarks(ServerConnection server) {
        this.server = server;
        this.qualified = identifier(server.settings().database()) + "." + identifier(TableCatalog.MARKS);
    }

    /** Returns the DDL of the marks table; a mark's rows collapse to the one of its highest state. */
    String createStatement() {
        return "CREATE TABLE IF NOT EXISTS " + qualified + " (tbl String, mark UInt64, state UInt8, at DateTime,"
                + " tmin Int64, tmax Int64) ENGINE = ReplacingMergeTree(state) ORDER BY (tbl, mark)";
    }

    /** Marks a coming write of rows of a table between two times (inclusive) and returns the mark. */
    long mark(String table, long minTime, long maxTime) {
        long mark = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        insert(table, List.of(mark), MARKED, minTime, maxTime);
        return mark;
    }

    /** Marks a whole table as possibly holding repeated rows, its write already done (a table of an older version). */
    void markWhole(String table) {
        insert(table, List.of(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE), SETTLED, Long.MIN_VALUE,
                Long.MAX_VALUE);
    }

    /**
     * Records that the insert of a mark returned; with anew (it waited for a slower insert, long enough for its
     * lease to end and the mark to be merged and cleared already) the range gets a fresh settled mark as well.
     */
    void settle(String table, long mark, long minTime, long maxTime, boolean anew) {
        insert(table, anew ? List.of(mark, ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) : List.of(mark),
                SETTLED, minTime, maxTime);
    }

    /** Records that the partitions of marks were merged. */
    void clear(String table, List<Long> marks) {
        insert(table, marks, CLEARED, 0, 0);
    }

    /**
     * Deletes the marks cleared longer ago than ageSeconds (a mutation the server runs in the background), so the
     * table does not grow with history; returns how many it deletes.
     */
    int forgetCleared(long ageSeconds) {
        List<String[]> old = server.rows("SELECT mark FROM " + qualified + " GROUP BY mark HAVING max(state) = "
                + CLEARED + " AND max(at) < now() - " + ageSeconds + " FORMAT TabSeparated");
        if (!old.isEmpty()) {
            StringJoiner ids = new StringJoiner(", ");
            old.forEach(row -> ids.add(row[0]));
            server.execute("ALTER TABLE " + qualified + " DELETE WHERE mark IN (" + ids + ")");
        }
        return old.size();
    }

    /** Returns whether a mark of a table not yet cleared overlaps the times [start, end). */
    boolean overlaps(String table, long start, long end) {
        return !server.rows("SELECT mark FROM " + qualified + " WHERE tbl = " + literal(table)
                + " GROUP BY mark HAVING max(state) < " + CLEARED + " AND min(tmin) < " + end + " AND max(tmax) >= "
                + start + " LIMIT 1 FORMAT TabSeparated").isEmpty();
    }

    /**
     * Returns the marks not yet cleared, by table, that can be merged now: every mark of the table settled (or
     * marked longer ago than {@code leaseSeconds}: its writer died) and the newest older than {@code quietSeconds}.
     */
    List<Pending> mergeable(int quietSeconds, long leaseSeconds) {
        List<Pending> out = new ArrayList<>();
        String marks = "SELECT tbl, mark, max(state) AS s, min(at) AS marked, min(tmin) AS lo, max(tmax) AS hi FROM "
                + qualified + " GROUP BY tbl, mark HAVING s < " + CLEARED;
        for (String[] row : server.rows("SELECT tbl, groupArray(mark), min(lo), max(hi) FROM (" + marks + ")"
                + " GROUP BY tbl HAVING min(s = " + SETTLED + " OR marked < now() - " + leaseSeconds + ") = 1"
                + " AND max(marked) <= now() - " + quietSeconds + " FORMAT TabSeparated")) {
            List<Long> ids = new ArrayList<>();
            String list = row[1].substring(1, row[1].length() - 1);
            for (String id : list.isEmpty() ? new String[0] : list.split(",")) {
                ids.add(Long.parseUnsignedLong(id));
            }
            out.add(new Pending(row[0], ids, Long.parseLong(row[2]), Long.parseLong(row[3])));
        }
        return out;
    }

    /** Returns whether this node wrote a mark since {@link #noneOpen} last found none open; the compactor idles otherwise. */
    boolean written() {
        return written;
    }

    /** Returns whether no mark of any node is open (not cleared); then the compactor can idle until this node marks. */
    boolean noneOpen() {
        written = false;
        boolean none = false;
        try {
            none = server.rows("SELECT mark FROM " + qualified + " GROUP BY mark HAVING max(state) < " + CLEARED
                    + " LIMIT 1 FORMAT TabSeparated").isEmpty();
            return none;
        } finally {
            if (!none) {
                written = true;
            }
        }
    }

    private void insert(String table, List<Long> marks, int state, long minTime, long maxTime) {
        StringJoiner values = new StringJoiner(", ");
        for (long mark : marks) {
            values.add("(" + literal(table) + ", " + Long.toUnsignedString(mark) + ", " + state + ", now(), " + minTime
                    + ", " + maxTime + ")");
        }
        server.execute("INSERT INTO " + qualified + " (tbl, mark, state, at, tmin, tmax) VALUES " + values);
        if (state != CLEARED) {
            written = true; // after the insert: a noneOpen() that reset the flag before it sees this mark
        }
    }

    /**
     * Marks of one table that can be merged.
     *
     * @param table the table
     * @param marks the marks
     * @param minTime the earliest time any of them covers
     * @param maxTime the latest time any of them covers (inclusive)
     */
    record Pending(String table, List<Long> marks, long minTime, long maxTime) {
    }
}
