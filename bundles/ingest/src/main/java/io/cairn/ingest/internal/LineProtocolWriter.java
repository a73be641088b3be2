package io.cairn.ingest.internal;

import io.cairn.api.engine.WriteService;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The line protocol write shared by the InfluxDB 1.x, 2.x and Cairn endpoints: opens the body
 * (gzip, size limit), parses it with {@link LineProtocolParser} against the bound store's field
 * types and the series limit, and writes the accepted lines in one call to the {@link WriteService}.
 */
@Component(service = LineProtocolWriter.class)
@Designate(ocd = LineProtocolWriter.Config.class)
public final class LineProtocolWriter {
    private static final Logger LOG = LoggerFactory.getLogger(LineProtocolWriter.class);
    /** Most series keys (and field keys) kept decoded across requests: about 50 MB of heap at 1 KB each. */
    private static final int DECODED_ENTRIES = 50_000;

    /** Limits of line protocol writes. */
    @ObjectClassDefinition(name = "Cairn line protocol write", description = "Limits of /write, /api/v2/write and /api/v1/write/line-protocol")
    public @interface Config {
        @AttributeDefinition(description = "Largest body in bytes, after decompression")
        long max_body_bytes() default 64L * 1024 * 1024;

        @AttributeDefinition(description = "Longest measurement name or field key")
        int max_name_length() default 256;

        @AttributeDefinition(description = "Most tags per line")
        int max_tags() default 64;

        @AttributeDefinition(description = "Longest tag key")
        int max_tag_key_length() default 256;

        @AttributeDefinition(description = "Longest tag value")
        int max_tag_value_length() default 1024;

        @AttributeDefinition(description = "Most series (tag sets) per measurement")
        long max_series_per_measurement() default 1_000_000;
    }

    private final WriteService writes;
    private final SeriesCatalog catalog;
    private final ValidationLimits limits;
    private final long maxBodyBytes;
    private final Clock clock;
    private final LineProtocolParser.DecodedNames decoded = LineProtocolParser.DecodedNames.bounded(DECODED_ENTRIES);

    /** Creates the writer (DS). */
    @Activate
    public LineProtocolWriter(Config config, @Reference(name = "writes") WriteService writes,
            @Reference(name = "catalog") SeriesCatalog catalog) {
        this(writes, catalog, new ValidationLimits(config.max_name_length(), 0, 0, config.max_tags(),
                config.max_tag_key_length(), config.max_tag_value_length(), config.max_series_per_measurement()),
                config.max_body_bytes(), Clock.systemUTC());
    }

    LineProtocolWriter(WriteService writes, SeriesCatalog catalog, ValidationLimits limits, long maxBodyBytes,
            Clock clock) {
        this.writes = writes;
        this.catalog = catalog;
        this.limits = limits;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    /** Writes a line protocol body to a database; {@code contentEncoding} may be null. */
    LineWriteOutcome write(String database, Precision precision, InputStream body, String contentEncoding) {
        return write(database, WriteAccess.ALL, precision, body, contentEncoding);
    }

    /** Writes the lines of the measurements a request may write; the others are rejected as FORBIDDEN. */
    LineWriteOutcome write(String database, WriteAccess access, Precision precision, InputStream body,
            String contentEncoding) {
        Instant now = clock.instant();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        RequestBodies.Encoding encoding;
        try {
            encoding = RequestBodies.encoding(contentEncoding);
        } catch (RequestBodies.UnsupportedEncodingException e) {
            return LineWriteOutcome.failed(LineWriteOutcome.Failure.UNSUPPORTED_ENCODING,
                    e.getMessage() + ", not " + e.encoding());
        }
        StoreAdmission admission = new StoreAdmission(catalog, database, limits.maxSeriesPerMetric(), access);
        LineProtocolParser parser = new LineProtocolParser(database, precision, nowNanos, limits, admission, decoded);
        try (InputStream in = RequestBodies.open(body, encoding, maxBodyBytes)) {
            parser.parse(in);
        } catch (LimitedInputStream.TooLargeException e) {
            return LineWriteOutcome.failed(LineWriteOutcome.Failure.TOO_LARGE, "the body is larger than "
                    + maxBodyBytes + " bytes" + (encoding.compressed() ? " after decompression" : ""));
        } catch (IOException e) {
            return LineWriteOutcome.failed(LineWriteOutcome.Failure.UNREADABLE, "cannot read the body: " + e.getMessage());
        }
        if (parser.accepted() > 0) {
            try {
                List<WriteBatch> batches = new ArrayList<>(parser.builders().size());
                parser.builders().values().forEach(b -> batches.add(b.build()));
                writes.write(batches);
                admission.written();
            } catch (RuntimeException e) {
                LOG.error("Write-ahead log unavailable; rejecting a write of {} lines", parser.accepted(), e);
                return LineWriteOutcome.failed(LineWriteOutcome.Failure.UNAVAILABLE,
                        "the write-ahead log cannot take writes now");
            }
        }
        return new LineWriteOutcome(LineWriteOutcome.Failure.NONE, null, parser.accepted(), parser.rejections());
    }

    /**
     * The request's write permission, the bound store's field types (read once per measurement per request,
     * never for a measurement the request may not write) and the series limit.
     */
    static final class StoreAdmission implements LineAdmission {
        private final SeriesCatalog catalog;
        private final String database;
        private final SeriesAdmission series;
        private final Map<String, Map<String, FieldType>> fields = new HashMap<>();

        StoreAdmission(SeriesCatalog catalog, String database, long maxSeries) {
            this(catalog, database, maxSeries, WriteAccess.ALL);
        }

        StoreAdmission(SeriesCatalog catalog, String database, long maxSeries, WriteAccess access) {
            this.catalog = catalog;
            this.database = database;
            this.series = new SeriesAdmission(catalog, database, maxSeries, false, access);
        }

        @Override
        public FieldType storedType(String measurement, String field) {
            Map<String, FieldType> known = fields.get(measurement);
            if (known == null && !series.permits(measurement)) {
                return null;
            }
            if (known == null) {
                TimeSeriesStore store = catalog.store();
                try {
                    known = store == null ? Map.of() : store.fields(database, measurement);
                } catch (RuntimeException e) {
                    LOG.debug("Store cannot list fields; not checking stored types", e);
                    known = Map.of();
                }
                fields.put(measurement, known);
            }
            return known.get(field);
        }

        @Override
        public ItemError admit(String measurement, Tags tags) {
            return series.admit(measurement, tags);
        }

        @Override
        public void written() {
            series.written();
        }
    }
}
