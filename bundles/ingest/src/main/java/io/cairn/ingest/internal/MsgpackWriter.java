package io.cairn.ingest.internal;

import io.cairn.api.engine.WriteService;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.ingest.internal.MsgpackWriteOutcome.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MessagePack write: reads the body (gzip, size limit), passes it through
 * {@link MsgpackPayloadReader} into a {@link MsgpackItemAssembler} checked against the bound
 * store's field types and series limit, and writes the accepted rows in one call to the
 * {@link WriteService}. A payload that cannot be read writes nothing.
 */
final class MsgpackWriter {
    private static final Logger LOG = LoggerFactory.getLogger(MsgpackWriter.class);

    private final WriteService writes;
    private final SeriesCatalog catalog;
    private final ValidationLimits limits;
    private final long maxBodyBytes;
    private final Clock clock;
    private final TagSetInterner tagSets = new TagSetInterner(50_000);
    private final ByteRangeCache<String> strings = new ByteRangeCache<>(100_000);
    private final BoundedMemo<TagValuesKey, Tags> columnTagSets = new BoundedMemo<>(50_000);

    MsgpackWriter(WriteService writes, SeriesCatalog catalog, ValidationLimits limits, long maxBodyBytes, Clock clock) {
        this.writes = writes;
        this.catalog = catalog;
        this.limits = limits;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    /** Writes a MessagePack body to a database; {@code contentEncoding} may be null. */
    MsgpackWriteOutcome write(String database, InputStream body, String contentEncoding) {
        return write(database, WriteAccess.ALL, body, contentEncoding);
    }

    /** Writes the rows of the measurements a request may write; the others are rejected as FORBIDDEN. */
    MsgpackWriteOutcome write(String database, WriteAccess access, InputStream body, String contentEncoding) {
        Instant now = clock.instant();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        RequestBodies.Encoding encoding;
        try {
            encoding = RequestBodies.encoding(contentEncoding);
        } catch (RequestBodies.UnsupportedEncodingException e) {
            return MsgpackWriteOutcome.failed(Failure.UNSUPPORTED_ENCODING, e.getMessage() + ", not " + e.encoding());
        }
        MsgpackItemAssembler assembler = new MsgpackItemAssembler(database, nowNanos, limits,
                new LineProtocolWriter.StoreAdmission(catalog, database, limits.maxSeriesPerMetric(), access), tagSets,
                columnTagSets);
        try (InputStream in = RequestBodies.open(body, encoding, maxBodyBytes)) {
            new MsgpackPayloadReader(in.readAllBytes(), strings).read(assembler::add);
        } catch (MsgpackPayloadReader.MalformedException e) {
            return new MsgpackWriteOutcome(Failure.INVALID_MSGPACK, e.getMessage(), e.offset(), 0, List.of());
        } catch (LimitedInputStream.TooLargeException e) {
            return MsgpackWriteOutcome.failed(Failure.TOO_LARGE, "the body is larger than "
                    + maxBodyBytes + " bytes" + (encoding.compressed() ? " after decompression" : ""));
        } catch (IOException e) {
            return MsgpackWriteOutcome.failed(Failure.UNREADABLE, "cannot read the body: " + e.getMessage());
        }
        if (assembler.accepted() > 0) {
            try {
                List<WriteBatch> batches = new ArrayList<>(assembler.builders().size());
                assembler.builders().values().forEach(b -> {
                    if (b.size() > 0) {
                        batches.add(b.build());
                    }
                });
                writes.write(batches);
            } catch (RuntimeException e) {
                LOG.error("Write-ahead log unavailable; rejecting a write of {} rows", assembler.accepted(), e);
                return MsgpackWriteOutcome.failed(Failure.UNAVAILABLE, "the write-ahead log cannot take writes now");
            }
        }
        return new MsgpackWriteOutcome(Failure.NONE, null, -1, assembler.accepted(), assembler.rejections());
    }
}
