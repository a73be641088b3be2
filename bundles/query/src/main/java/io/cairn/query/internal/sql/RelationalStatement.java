package io.cairn.query.internal.sql;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.tools.RelBuilder;

/**
 * A statement built as relational algebra instead of SQL text (the dashboard JSON query): planned, cached and
 * run like SQL. Its values are dynamic parameters ({@code ?0}, {@code ?1}, ...) bound when it runs, which only
 * pushed-down predicates may read.
 */
public interface RelationalStatement {
    /** Returns what identifies the plan: statements with equal keys build equal expressions. */
    String planKey();

    /**
     * Builds the expression over the tables of the statement's database.
     *
     * @param functions where Cairn's functions (time_bucket, ...) are found
     */
    RelNode build(RelBuilder builder, SqlOperatorTable functions);
}
