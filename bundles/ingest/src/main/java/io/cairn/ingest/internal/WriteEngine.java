package io.cairn.ingest.internal;

import io.cairn.api.engine.WriteService;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cairn's durable write path: a write is appended to the write-ahead log ({@code <data_dir>/wal}),
 * acknowledged after its fsync, buffered, and flushed to the bound store at least every
 * {@code flush_interval_ms}.
 *
 * <p>The buffer holds at most {@code buffer_max_rows} rows and about {@code buffer_max_mb} of heap. A write that
 * does not fit waits while the store is taking rows; when it still does not fit (no store bound, a failing store,
 * or one that wrote nothing for {@link #BUFFER_WAIT_MILLIS}), the whole buffer is dropped from memory and later
 * writes go to the log only; the flusher then reads every record not yet confirmed flushed back
 * from the log once a store is bound. The same path replays the log on start and into a store
 * that binds later. Rows the store rejects as a type conflict are logged and dropped; rows it
 * cannot take now are kept and retried.
 */
@Component(service = {WriteService.class, SeriesCatalog.class}, immediate = true)
@Designate(ocd = WriteEngine.Config.class)
public final class WriteEngine implements WriteService, BufferedSeriesCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(WriteEngine.class);

    /** Configuration of the write path. */
    @ObjectClassDefinition(name = "Cairn write engine", description = "Write-ahead log and flushing to the store")
    public @interface Config {
        @AttributeDefinition(description = "Data directory; empty for the framework property cairn.data.dir, else ./data")
        String data_dir() default "";

        @AttributeDefinition(description = "every_write: one fsync per write; group: group commit")
        String fsync() default "group";

        @AttributeDefinition(description = "Group commit interval in milliseconds")
        long group_commit_ms() default 10;

        @AttributeDefinition(description = "Size at which a log segment is closed and a new one started")
        long segment_bytes() default 64L * 1024 * 1024;

        @AttributeDefinition(description = "Longest time between flushes to the store, in milliseconds")
        long flush_interval_ms() default 200;

        @AttributeDefinition(description = "Most rows held in memory before they are read back from the log")
        int buffer_max_rows() default 1_000_000;

        @AttributeDefinition(description = "Most heap the buffered rows may take, estimated, in MB; 0 for an eighth "
                + "of the maximum heap")
        int buffer_max_mb() default 0;

        @AttributeDefinition(description = "Most cardinality sketches (one per measurement and tenant written to, "
                + "16 KB each) kept for GET /api/v1/cardinality; the least recently written are dropped")
        int cardinality_sketches() default DEFAULT_CARDINALITY_SKETCHES;
    }

    /** How long a write waits for room in a full buffer while the flusher writes nothing. */
    static final long BUFFER_WAIT_MILLIS = 5_000;

    /** The default bound of the cardinality sketches: 16 MB of heap. */
    static final int DEFAULT_CARDINALITY_SKETCHES = 1024;

    private final AtomicReference<TimeSeriesStore> store = new AtomicReference<>();
    private final WriteAheadLog wal;
    private final WriteBuffer buffer;
    private final StoreFlusher flusher;
    private final int wakeRows;
    private final SeriesCardinality cardinality;
    private final BoundedMemo<Tags, byte[]> encodedTagSets = new BoundedMemo<>(50_000);

    /** Creates the engine from its configuration (DS). */
    @Activate
    public WriteEngine(Config config, BundleContext context) {
        this(DataDirectory.resolve(config.data_dir(), context).resolve("wal"), FsyncPolicy.of(config.fsync()),
                config.group_commit_ms(), config.segment_bytes(), config.flush_interval_ms(), config.buffer_max_rows(),
                bufferBytes(config.buffer_max_mb()), config.cardinality_sketches());
    }

    /** Creates the engine over a log directory, opening the log and starting its threads. */
    WriteEngine(Path walDir, FsyncPolicy policy, long groupCommitMillis, long segmentBytes, long flushIntervalMillis,
            int bufferMaxRows) {
        this(walDir, policy, groupCommitMillis, segmentBytes, flushIntervalMillis, bufferMaxRows, bufferBytes(0),
                DEFAULT_CARDINALITY_SKETCHES);
    }

    /** Creates the engine with bounds on its buffer's heap and its cardinality sketches. */
    WriteEngine(Path walDir, FsyncPolicy policy, long groupCommitMillis, long segmentBytes, long flushIntervalMillis,
            int bufferMaxRows, long bufferMaxBytes, int cardinalitySketches) {
        cardinality = new SeriesCardinality(cardinalitySketches, Clock.systemUTC());
        wal = new WriteAheadLog(walDir, policy, groupCommitMillis, segmentBytes);
        buffer = new WriteBuffer(bufferMaxRows, bufferMaxBytes, wal.lastSequence());
        flusher = new StoreFlusher(wal, buffer, store::get, flushIntervalMillis);
        wakeRows = Math.max(1, Math.min(bufferMaxRows / 4, 100_000));
        flusher.start();
        LOG.debug("Write engine started on {} ({}), log records {}..{}", walDir, policy, wal.firstSequence(),
                wal.lastSequence());
    }

    /** The buffer's heap bound: the configured megabytes, or an eighth of the maximum heap. */
    static long bufferBytes(int configuredMb) {
        return configuredMb > 0 ? configuredMb * (1L << 20) : Runtime.getRuntime().maxMemory() / 8;
    }

    @Override
    public void write(Collection<WriteBatch> batches) {
        List<WriteBatch> copy = List.copyOf(batches);
        if (copy.isEmpty()) {
            return;
        }
        boolean reserved = awaitBufferRoom(copy);
        byte[][][] tagSets = BatchCodec.tagSets(copy, encodedTagSets);
        // the room is given back once: by the addition, or here if the append failed (an interrupted append's record
        // may still be added later)
        AtomicBoolean roomTaken = new AtomicBoolean(!reserved);
        try {
            wal.append(BatchCodec.encode(copy, tagSets),
                    seq -> buffer.add(seq, copy, roomTaken.compareAndSet(false, true)));
        } finally {
            if (roomTaken.compareAndSet(false, true)) {
                buffer.release(copy);
            }
        }
        cardinality.record(copy, tagSets);
        if (buffer.rows() >= wakeRows || buffer.overflowed()) {
            flusher.wake();
        }
    }

    /**
     * Waits while the buffer is full and the bound store is taking rows, for as long as the flusher writes rows
     * within every {@link #BUFFER_WAIT_MILLIS}: writers then go at the store's pace and their rows are flushed
     * from memory, not read back from the log. With no store bound, or one failing, the rows go to the log only at
     * once. Returns whether room was reserved for the batches.
     */
    private boolean awaitBufferRoom(List<WriteBatch> batches) {
        if (store.get() == null || !flusher.storeTakingRows()) {
            return false;
        }
        if (buffer.rows() >= wakeRows) {
            flusher.wake();
        }
        try {
            return buffer.awaitRoom(batches, BUFFER_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Binds a store; everything not yet confirmed flushed reaches it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = TimeSeriesStore.ACTIVE_FILTER)
    void bindStore(TimeSeriesStore bound) {
        store.set(bound);
        buffer.storeBound(bound);
        LOG.debug("Store {} bound", bound.name());
        flusher.wake();
    }

    /** Unbinds a store; writes keep being acknowledged into the log and buffer. */
    void unbindStore(TimeSeriesStore unbound) {
        if (store.compareAndSet(unbound, null)) {
            LOG.debug("Store {} unbound", unbound.name());
        }
    }

    @Override
    public TimeSeriesStore store() {
        return store.get();
    }

    @Override
    public WriteBuffer buffer() {
        return buffer;
    }

    @Override
    public SeriesCardinality cardinality() {
        return cardinality;
    }

    /** Flushes what reaches the store now, stops the threads and closes the log. */
    @Deactivate
    public void close() {
        wal.close();
        flusher.stop();
        LOG.debug("Write engine stopped; flushed through record {}", flusher.flushedThrough());
    }

    /** Flushes now; returns whether everything acknowledged has reached the store (for tests). */
    boolean flushNow() {
        return flusher.flushOnce();
    }

    /** Returns the number of log segment files (for tests). */
    int segmentCount() {
        return wal.segmentCount();
    }
}
