package io.cairn.query.internal.sql;

import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.TimeSeriesStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The store as one prepared statement sees it: the catalog reads its plan was built from (databases,
 * measurements, columns, capabilities), kept so that the plan runs again only over a store showing the same
 * catalog, and the store its scans read, bound for each execution.
 */
final class StatementCatalog {
    private static final String DATABASES = "databases";
    private static final String MEASUREMENTS = "measurements";
    private static final String COLUMNS = "columns";
    private static final String CAPABILITIES = "capabilities";

    private final Map<List<String>, Object> reads = new LinkedHashMap<>();
    private volatile TimeSeriesStore store;
    private volatile List<Object> values;
    private TimeSeriesStore checked;
    private long checkedVersion;

    StatementCatalog(TimeSeriesStore store) {
        this.store = store;
        this.checked = store;
        this.checkedVersion = store.catalogVersion();
    }

    /** Returns the store the running statement reads. */
    TimeSeriesStore store() {
        TimeSeriesStore bound = store;
        if (bound == null) {
            throw new IllegalStateException("a prepared statement ran without a store");
        }
        return bound;
    }

    /** Makes the statement read another store (one whose catalog {@link #matches}), or none. */
    void bind(TimeSeriesStore other) {
        store = other;
    }

    /** Binds the values of a relational statement's parameters for its next execution (null: none). */
    void values(List<Object> bound) {
        values = bound;
    }

    /** Returns a running statement's context, answering its parameters from the bound values when there are some. */
    DataContext withValues(DataContext root) {
        List<Object> bound = values;
        if (bound == null) {
            return root;
        }
        return new DataContext() {
            @Override
            public SchemaPlus getRootSchema() {
                return root.getRootSchema();
            }

            @Override
            public JavaTypeFactory getTypeFactory() {
                return root.getTypeFactory();
            }

            @Override
            public QueryProvider getQueryProvider() {
                return root.getQueryProvider();
            }

            @Override
            public Object get(String name) {
                return name.startsWith("?") ? bound.get(Integer.parseInt(name.substring(1))) : root.get(name);
            }
        };
    }

    List<String> databases() {
        return cast(record(List.of(DATABASES)));
    }

    List<String> measurements(String database) {
        return cast(record(List.of(MEASUREMENTS, database)));
    }

    List<MeasurementColumn> columns(String database, String measurement) {
        return cast(record(List.of(COLUMNS, database, measurement)));
    }

    Set<StoreCapability> capabilities() {
        return cast(record(List.of(CAPABILITIES)));
    }

    /**
     * Returns whether a store shows everything the plan read from the catalog as it was when planned. The reads
     * are skipped when the store is the one last found matching and its {@link TimeSeriesStore#catalogVersion}
     * (read before the catalog was) has not changed since.
     */
    synchronized boolean matches(TimeSeriesStore other) {
        long version = other.catalogVersion();
        if (version >= 0 && version == checkedVersion && other == checked) {
            return true;
        }
        for (Map.Entry<List<String>, Object> read : reads.entrySet()) {
            if (!read.getValue().equals(read(other, read.getKey()))) {
                return false;
            }
        }
        checked = other;
        checkedVersion = version;
        return true;
    }

    private synchronized Object record(List<String> what) {
        Object known = reads.get(what);
        if (known == null) {
            known = read(store(), what);
            reads.put(what, known);
        }
        return known;
    }

    private static Object read(TimeSeriesStore store, List<String> what) {
        return switch (what.get(0)) {
            case DATABASES -> List.copyOf(store.databases());
            case MEASUREMENTS -> List.copyOf(store.measurements(what.get(1)));
            case COLUMNS -> List.copyOf(MeasurementTable.columnsOf(store, what.get(1), what.get(2)));
            case CAPABILITIES -> Set.copyOf(store.capabilities());
            default -> throw new IllegalArgumentException(what.get(0));
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
