package io.cairn.enterprise.audit.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's audit trail: its configuration, the durable log in {@code <data>/audit/} and the writer that fills it;
 * it closes when deactivated (on SIGTERM too: the admin bundle stops the framework, HTTP first).
 */
@Component(service = AuditTrail.class, immediate = true, configurationPid = AuditTrail.PID)
@Designate(ocd = AuditTrail.Config.class)
public final class AuditTrail {
    static final String PID = "io.cairn.enterprise.audit";
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    /** Longest a close waits for the requests under the filter to be answered and recorded. */
    static final long DRAIN_MILLIS = 5_000;

    /** Configuration of the audit log. */
    @ObjectClassDefinition(name = "Cairn audit log")
    public @interface Config {
        @AttributeDefinition(description = "Record audit events (the log stays readable when off)")
        boolean enabled() default true;

        @AttributeDefinition(description = "Also record queries (data.query): one event per query request")
        boolean include_reads() default false;

        @AttributeDefinition(description = "Events the buffer holds; when full, events are dropped and counted, "
                + "never waited for")
        int buffer_capacity() default 10_000;

        @AttributeDefinition(description = "Most events written (and synced) in one batch")
        int flush_events() default 100;

        @AttributeDefinition(description = "Longest wait before a started batch is written, in milliseconds")
        long flush_interval_ms() default 1000;

        @AttributeDefinition(description = "Day files older than this many days are deleted; 0 keeps everything")
        int retention_days() default 90;

        @AttributeDefinition(description = "Data directory; empty for the framework property cairn.data.dir, else ./data")
        String data_dir() default "";
    }

    /** The settings as plain values. */
    record Settings(boolean enabled, boolean includeReads, int bufferCapacity, int flushEvents, long flushIntervalMs,
            int retentionDays) {
        static Settings of(Config c) {
            return new Settings(c.enabled(), c.include_reads(), c.buffer_capacity(), c.flush_events(),
                    c.flush_interval_ms(), c.retention_days());
        }
    }

    private final Settings settings;
    private final AuditLog log;
    private final AuditWriter writer;
    private final RequestClassifier classifier;
    private final InFlightRequests requests = new InFlightRequests();

    @Activate
    public AuditTrail(BundleContext context, Config config) throws IOException {
        this(dataDirectory(config.data_dir(), context.getProperty("cairn.data.dir")).resolve("audit"),
                Settings.of(config), Clock.systemUTC());
        writer.start();
        LOG.debug("audit log in {} ({}), continuing after seq {}", log.directory(),
                settings.enabled() ? "recording" : "not recording", log.lastSeq());
    }

    /** Opens the log in {@code directory}; the writer is not started (see {@link #start()}). */
    AuditTrail(Path directory, Settings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.log = new AuditLog(directory);
        this.writer = new AuditWriter(log, clock, settings.bufferCapacity(), settings.flushEvents(),
                settings.flushIntervalMs(), settings.retentionDays());
        this.classifier = new RequestClassifier(settings.includeReads());
    }

    static Path dataDirectory(String configured, String frameworkProperty) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(frameworkProperty == null || frameworkProperty.isBlank() ? "data" : frameworkProperty);
    }

    AuditTrail start() {
        writer.start();
        return this;
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** True once the trail is closing: what is recorded from then on is lost. */
    boolean closing() {
        return requests.closing() || !writer.accepting();
    }

    /** The requests under the audit filter, which a close waits for. */
    InFlightRequests requests() {
        return requests;
    }

    RequestClassifier classifier() {
        return classifier;
    }

    Instant now() {
        return writer.now();
    }

    /** Hands a record to the writer when recording is on; never blocks. */
    void record(AuditRecord record) {
        if (settings.enabled()) {
            writer.record(record);
        }
    }

    AuditWriter.Counters counters() {
        return writer.counters();
    }

    AuditSearch search() {
        return new AuditSearch(log);
    }

    ChainVerifier.Result verify() throws IOException {
        return new ChainVerifier(log).verify(writer.lastSeq());
    }

    /** Refuses new requests, waits for those being answered, then writes what is buffered and stops the writer. */
    @Deactivate
    void close() {
        int left = requests.closeAndAwait(DRAIN_MILLIS);
        if (left > 0) {
            LOG.warn("the audit log closes while {} requests are still being answered: they are not recorded", left);
        }
        writer.close();
    }
}
