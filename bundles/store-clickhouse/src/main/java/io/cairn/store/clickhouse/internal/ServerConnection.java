package io.cairn.store.clickhouse.internal;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ClientFaultCause;
import com.clickhouse.client.api.DataStreamWriter;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import io.cairn.api.store.StoreUnavailableException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport to one ClickHouse server (or a list of equivalent endpoints) through the
 * ClickHouse Java client v2, used only as a transport: statements, RowBinary inserts and queries
 * read as TabSeparated text through the raw response stream, because its typed readers and its
 * LZ4 response compression fail against the 18.16 server. Every failure becomes a
 * {@link StoreUnavailableException}: the write-ahead log keeps the rows and queries answer 503.
 */
final class ServerConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);
    private final Client client;
    private final ClickHouseSettings settings;
    private final long waitMillis;

    ServerConnection(ClickHouseSettings settings) {
        this.settings = settings;
        Client.Builder builder = new Client.Builder();
        settings.urls().forEach(builder::addEndpoint);
        client = builder.setUsername(settings.user())
                .setPassword(settings.password())
                .compressServerResponse(false)
                .compressClientRequest(false)
                .setConnectTimeout(settings.connectTimeoutMillis())
                .setSocketTimeout(settings.socketTimeoutMillis())
                .setMaxRetries(0)
                .retryOnFailures(ClientFaultCause.None)
                .build();
        waitMillis = settings.connectTimeoutMillis() + settings.socketTimeoutMillis();
    }

    /** Returns the settings this connection was made with. */
    ClickHouseSettings settings() {
        return settings;
    }

    /** Runs a statement that returns no rows (DDL, ALTER). */
    void execute(String sql) {
        execute(sql, Map.of());
    }

    /** Runs a statement that returns no rows with server settings for it, e.g. {@code optimize_throw_if_noop}. */
    void execute(String sql, Map<String, String> serverSettings) {
        CommandSettings commandSettings = new CommandSettings();
        serverSettings.forEach(commandSettings::serverSetting);
        try (CommandResponse response = await(() -> client.execute(sql, commandSettings), sql)) {
            response.getWrittenRows();
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (Exception e) {
            throw unavailable(sql, e);
        }
    }

    /**
     * Runs a query ending in {@code FORMAT TabSeparated} and returns all its rows. The server answers only
     * when the query has finished ({@code wait_end_of_query}), so an error is an HTTP error, never a line.
     */
    List<String[]> rows(String sql) {
        try (TsvFields rows = new TsvFields(stream(sql, new QuerySettings().waitEndOfQuery(true)), 0)) {
            return rows.all();
        } catch (RuntimeException e) {
            throw unavailable(sql, e);
        }
    }

    /** Runs a query and returns its raw body; closing the stream releases the response. */
    InputStream stream(String sql) {
        return stream(sql, new QuerySettings());
    }

    private InputStream stream(String sql, QuerySettings querySettings) {
        QueryResponse response = await(() -> client.query(sql, querySettings), sql);
        return new FilterInputStream(response.getInputStream()) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    try {
                        response.close();
                    } catch (Exception e) {
                        throw new IOException("could not release a ClickHouse response", e);
                    }
                }
            }
        };
    }

    /** Inserts rows of a format that the writer produces into the named columns of a table. */
    long insert(String table, List<String> columns, DataStreamWriter writer, ClickHouseFormat format) {
        String what = "INSERT INTO " + table;
        return await(() -> client.insert(table, columns, writer, format, new InsertSettings()), what).getWrittenRows();
    }

    /** Returns whether the server answers now. */
    boolean ping() {
        try {
            return client.ping(settings.connectTimeoutMillis());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private <T> T await(Supplier<CompletableFuture<T>> call, String sql) {
        CompletableFuture<T> future = null;
        try {
            future = call.get();
            return future.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while ClickHouse ran: " + shorten(sql), e);
        } catch (ExecutionException e) {
            throw unavailable(sql, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            if (future != null) {
                future.cancel(true);
                future.whenComplete((late, failure) -> closeQuietly(late)); // a late response holds a pooled connection
            }
            throw unavailable(sql, e);
        }
    }

    private static void closeQuietly(Object response) {
        if (response instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing a late ClickHouse response failed", e);
            }
        }
    }

    private StoreUnavailableException unavailable(String sql, Throwable cause) {
        if (cause instanceof StoreUnavailableException s) {
            return s;
        }
        return new StoreUnavailableException("ClickHouse at " + settings.urls() + " failed: " + cause.getMessage()
                + " (" + shorten(sql) + ")", cause);
    }

    private static String shorten(String sql) {
        return sql.length() > 300 ? sql.substring(0, 300) + "…" : sql;
    }

    @Override
    public void close() {
        client.close();
    }
}
