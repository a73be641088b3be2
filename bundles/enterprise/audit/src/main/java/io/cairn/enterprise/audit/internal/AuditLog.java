package io.cairn.enterprise.audit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable audit store: append-only JSON-lines day files {@code audit-YYYY-MM-DD.jsonl} in one
 * folder, synced after every batch. Knows the chain's tail (last seq and hash) so that a restart
 * continues it. Only the writer thread appends; readers may read at any time.
 */
final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final Pattern NAME = Pattern.compile("audit-(\\d{4}-\\d{2}-\\d{2})\\.jsonl");

    /** One day file. */
    record DayFile(LocalDate day, Path path) {
    }

    private final Path directory;
    private long lastSeq;
    private String lastHash = EventCodec.GENESIS;
    private LocalDate lastDay;

    /** Opens (creating if needed) the folder and finds the chain's tail; cuts an unfinished last line. */
    AuditLog(Path directory) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        recover();
    }

    /** Re-reads the tail from disk: after a start, or after a failed write left the files in doubt. */
    void recover() throws IOException {
        lastSeq = 0;
        lastHash = EventCodec.GENESIS;
        lastDay = null;
        List<DayFile> files = files();
        for (int i = files.size() - 1; i >= 0; i--) {
            DayFile file = files.get(i);
            JsonNode[] last = new JsonNode[1];
            long complete = JsonLines.read(file.path(), (line, n) -> {
                try {
                    last[0] = EventCodec.parse(line);
                } catch (IOException unreadable) {
                    last[0] = null;
                }
                return true;
            });
            if (complete < Files.size(file.path())) {
                LOG.warn("audit file {} ends in an unfinished line (a crash while writing); cutting it",
                        file.path());
                try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.WRITE)) {
                    ch.truncate(complete);
                    ch.force(true);
                }
            }
            if (lastDay == null) {
                lastDay = file.day();
            }
            if (last[0] != null && last[0].hasNonNull("seq") && last[0].hasNonNull("hash")) {
                lastSeq = last[0].get("seq").asLong();
                lastHash = last[0].get("hash").asText();
                return;
            }
        }
    }

    long lastSeq() {
        return lastSeq;
    }

    String lastHash() {
        return lastHash;
    }

    Path directory() {
        return directory;
    }

    /**
     * Appends events (already chained after {@link #lastHash()}) to the files of their days and syncs them.
     * An event never goes into a file earlier than the last one written, so the files follow the chain.
     */
    void append(List<AuditEvent> events) throws IOException {
        int from = 0;
        while (from < events.size()) {
            LocalDate day = target(events.get(from));
            int to = from + 1;
            while (to < events.size() && target(events.get(to)).equals(day)) {
                to++;
            }
            write(day, events.subList(from, to));
            from = to;
        }
    }

    private LocalDate target(AuditEvent event) {
        LocalDate day = LocalDate.ofInstant(event.record().time(), ZoneOffset.UTC);
        return lastDay != null && day.isBefore(lastDay) ? lastDay : day;
    }

    private void write(LocalDate day, List<AuditEvent> events) throws IOException {
        StringBuilder text = new StringBuilder(events.size() * 400);
        for (AuditEvent e : events) {
            text.append(EventCodec.line(e)).append('\n');
        }
        Path file = path(day);
        boolean created = !Files.exists(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(false);
        }
        if (created) {
            syncDirectory();
        }
        AuditEvent last = events.get(events.size() - 1);
        lastSeq = last.seq();
        lastHash = last.hash();
        lastDay = day;
    }

    /** Deletes whole day files older than {@code oldestKept}; returns how many. */
    int deleteBefore(LocalDate oldestKept) throws IOException {
        int deleted = 0;
        for (DayFile file : files()) {
            if (file.day().isBefore(oldestKept)) {
                Files.deleteIfExists(file.path());
                deleted++;
            }
        }
        if (deleted > 0) {
            syncDirectory();
        }
        return deleted;
    }

    /** The day files, oldest first. */
    List<DayFile> files() throws IOException {
        List<DayFile> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                day(p).ifPresent(day -> files.add(new DayFile(day, p)));
            }
        }
        files.sort((a, b) -> a.day().compareTo(b.day()));
        return files;
    }

    Path path(LocalDate day) {
        return directory.resolve("audit-" + day + ".jsonl");
    }

    private static Optional<LocalDate> day(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(m.group(1)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("cannot sync folder {}: {}", directory, e.getMessage());
        }
    }
}
