package io.cairn.enterprise.audit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Builds audit trails over real folders and records events into them, as the tests need. */
final class TestTrails {
    private TestTrails() {
    }

    static AuditTrail.Settings settings(int capacity, int retentionDays, boolean includeReads) {
        return new AuditTrail.Settings(true, includeReads, capacity, 100, 50, retentionDays);
    }

    static AuditTrail open(Path dir, TestClock clock) throws IOException {
        return new AuditTrail(dir, settings(10_000, 90, false), clock).start();
    }

    /** Records {@code count} data.write events by actor {@code actor} on database {@code db}, one second apart. */
    static void writes(AuditTrail trail, TestClock clock, String actor, String db, int count) {
        for (int i = 0; i < count; i++) {
            trail.record(new AuditRecord(clock.instant(), "data.write", actor, "192.0.2.1", db, AuditRecord.SUCCESS,
                    Map.of("method", "POST", "path", "/api/v1/write", "status", 204)));
            clock.advance(Duration.ofSeconds(1));
        }
    }

    /** The only day file in a folder. */
    static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> files = list.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList();
            if (files.size() != 1) {
                throw new AssertionError("expected one day file, found " + files);
            }
            return files.get(0);
        }
    }
}
