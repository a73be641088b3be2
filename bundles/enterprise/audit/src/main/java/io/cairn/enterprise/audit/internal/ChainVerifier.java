package io.cairn.enterprise.audit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Walks the day files oldest first and checks every link of the chain: each event's seq follows the
 * one before, its {@code prev_hash} is the hash of the one before and its {@code hash} matches its
 * content. The first kept event starts the chain (retention may have deleted what came before).
 */
final class ChainVerifier {
    /** Where the chain broke: the event's seq (as stored, or as expected when unreadable), its file and line. */
    record Break(long seq, String file, long line, String reason) {
    }

    /** The outcome: how many events verified, and the first broken link (null when valid). */
    record Result(long events, Break broken) {
        boolean valid() {
            return broken == null;
        }
    }

    private final AuditLog log;

    ChainVerifier(AuditLog log) {
        this.log = log;
    }

    /**
     * Verifies the chain. {@code writtenSeq} is the seq the writer last wrote: a log that ends before it
     * lost events at its end (which a chain alone cannot show).
     */
    Result verify(long writtenSeq) throws IOException {
        Walk walk = new Walk();
        List<AuditLog.DayFile> files = log.files();
        String lastFile = null;
        for (AuditLog.DayFile file : files) {
            String name = file.path().getFileName().toString();
            lastFile = name;
            walk.lines = 0;
            try {
                JsonLines.read(file.path(), (line, number) -> {
                    walk.lines = number;
                    walk.broken = walk.check(line, name, number);
                    return walk.broken == null;
                });
            } catch (NoSuchFileException deleted) {
                if (walk.events > 0) {
                    return new Result(walk.events, new Break(walk.lastSeq + 1, name, 1, "the file was deleted"));
                }
                // retention deleted the oldest file while the walk began: the chain starts at the next one
            }
            if (walk.broken != null) {
                return new Result(walk.events, walk.broken);
            }
        }
        if (walk.lastSeq < writtenSeq) {
            return new Result(walk.events, new Break(walk.lastSeq + 1, lastFile == null ? "" : lastFile, walk.lines + 1,
                    "events " + (walk.lastSeq + 1) + " to " + writtenSeq
                            + " were written but are missing at the end of the log"));
        }
        return new Result(walk.events, null);
    }

    /** The state of one walk along the chain. */
    private static final class Walk {
        long events;
        long lastSeq;
        String lastHash;
        long lines;
        Break broken;

        Break check(String line, String file, long number) {
            long expectedSeq = lastSeq + 1;
            JsonNode event;
            try {
                event = EventCodec.parse(line);
            } catch (IOException e) {
                return new Break(expectedSeq, file, number, "the line is not a JSON event");
            }
            if (!event.isObject() || !event.path("seq").canConvertToLong() || !event.path("hash").isTextual()
                    || !event.path("prev_hash").isTextual()) {
                return new Break(expectedSeq, file, number, "the line lacks seq, prev_hash or hash");
            }
            long seq = event.get("seq").asLong();
            String prevHash = event.get("prev_hash").asText();
            if (lastHash == null) {
                if (seq == 1 && !EventCodec.GENESIS.equals(prevHash)) {
                    return new Break(seq, file, number, "the first event does not start the chain");
                }
            } else {
                if (seq != expectedSeq) {
                    return new Break(seq, file, number, "expected seq " + expectedSeq + " after " + lastSeq
                            + " but found " + seq + " (an event was removed, added or moved)");
                }
                if (!prevHash.equals(lastHash)) {
                    return new Break(seq, file, number, "prev_hash does not match the previous event's hash");
                }
            }
            if (!EventCodec.expectedHash(prevHash, event).equals(event.get("hash").asText())) {
                return new Break(seq, file, number, "the event's content does not match its hash (it was changed)");
            }
            events++;
            lastSeq = seq;
            lastHash = event.get("hash").asText();
            return null;
        }
    }
}
