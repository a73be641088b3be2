package io.cairn.query.internal.sql;

import io.cairn.api.store.TimeSeriesStore;
import io.cairn.store.lmdb.internal.LmdbStores;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** What the SQL tests over a real LMDB store holding {@link CpuData} share: the store, the engine and helpers. */
abstract class LmdbCpuSql {
    @TempDir
    static Path dir;
    static TimeSeriesStore store;
    static SqlEngine engine;

    @BeforeAll
    static void open() {
        store = LmdbStores.open(dir);
        CpuData.write(store);
        engine = new SqlEngine(SqlLimits.DEFAULTS);
    }

    @AfterAll
    static void close() {
        engine.close();
        LmdbStores.close(store);
    }

    static SqlResult query(String sql, Object... params) {
        return engine.query(store, CpuData.DB, sql, Arrays.asList(params));
    }

    static List<Object[]> rows(String sql, Object... params) {
        return query(sql, params).rows();
    }

    static String plan(String sql, Object... params) {
        return engine.explain(store, CpuData.DB, sql, Arrays.asList(params));
    }
}
