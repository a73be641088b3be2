package io.cairn.ingest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write-ahead log of segment files named by their first record's sequence number
 * ({@code 00000000000000000001.wal}), with group commit: callers queue records and block until
 * one writer thread has written and fsynced them. A segment is deleted once every record in it is
 * confirmed flushed ({@link #markFlushedThrough}); a torn or corrupt tail is skipped with a warning.
 */
final class WriteAheadLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);
    private static final String SUFFIX = ".wal";

    /** Receives one record of a replay. */
    interface RecordConsumer {
        /** Takes a record; returns false to stop the replay. */
        boolean accept(long sequence, byte[] payload);
    }

    private record Pending(RecordPayload payload, LongConsumer onDurable, CompletableFuture<Long> done) {
    }

    private final Path dir;
    private final FsyncPolicy policy;
    private final long groupCommitNanos;
    private final long segmentBytes;
    private final NavigableMap<Long, Path> segments = new ConcurrentSkipListMap<>();
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean open = true;
    private volatile long lastSequence;
    private FileChannel active;
    private long lastSyncNanos;
    private IOException broken;

    /** Opens (or creates) the log in a directory, truncating a torn tail of its newest segment. */
    WriteAheadLog(Path dir, FsyncPolicy policy, long groupCommitMillis, long segmentBytes) {
        this.dir = dir;
        this.policy = policy;
        this.groupCommitNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, groupCommitMillis));
        this.segmentBytes = segmentBytes;
        try {
            Files.createDirectories(dir);
            openSegments();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the write-ahead log in " + dir, e);
        }
        writer = new Thread(this::writeLoop, "cairn-wal-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private void openSegments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.wal"))
                    .forEach(p -> segments.put(firstSequenceOf(p), p));
        }
        if (segments.isEmpty()) {
            lastSequence = 0;
            active = createSegment(1);
            return;
        }
        Map.Entry<Long, Path> last = segments.lastEntry();
        lastSequence = last.getKey() - 1;
        long validEnd;
        try (WalSegmentReader reader = new WalSegmentReader(last.getValue())) {
            while (reader.next()) {
                lastSequence = reader.sequence();
            }
            validEnd = reader.validEnd();
            if (reader.corruption() != null) {
                LOG.warn("Write-ahead log: {}; the tail is cut off", reader.corruption());
            }
        }
        active = FileChannel.open(last.getValue(), StandardOpenOption.WRITE);
        active.truncate(validEnd);
        active.position(validEnd);
        active.force(true);
    }

    private static long firstSequenceOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    private FileChannel createSegment(long firstSequence) throws IOException {
        Path file = dir.resolve(String.format("%020d%s", firstSequence, SUFFIX));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        segments.put(firstSequence, file);
        syncDirectory();
        return channel;
    }

    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot fsync directory {}", dir, e);
        }
    }

    /** Returns the sequence number of the last record written (0 for an empty log). */
    long lastSequence() {
        return lastSequence;
    }

    /** Returns the sequence number of the first record the log may still hold. */
    long firstSequence() {
        return segments.isEmpty() ? lastSequence + 1 : segments.firstKey();
    }

    /** Appends a record and waits for its fsync; returns its sequence number. */
    long append(byte[] payload) {
        return append(RecordPayload.of(payload), seq -> { });
    }

    /**
     * Appends a record and waits for its fsync. {@code onDurable} runs on the writer thread after
     * the fsync, before this returns, in sequence order across all appends.
     *
     * @throws UncheckedIOException if the record cannot be written or the log is closed
     */
    long append(RecordPayload payload, LongConsumer onDurable) {
        Pending pending = new Pending(payload, onDurable, new CompletableFuture<>());
        synchronized (queue) {
            if (!open) {
                throw new UncheckedIOException(new IOException("the write-ahead log is closed"));
            }
            queue.add(pending);
        }
        try {
            return pending.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted waiting for the write-ahead log", e));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof UncheckedIOException u ? u
                    : new UncheckedIOException(new IOException("write-ahead log failure", cause));
        }
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                if (policy == FsyncPolicy.GROUP) {
                    long wait = lastSyncNanos + groupCommitNanos - System.nanoTime();
                    if (wait > 0 && open) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    queue.drainTo(group);
                }
                writeGroup(group);
            } catch (InterruptedException e) {
                synchronized (queue) {
                    open = false;
                }
            } catch (RuntimeException | Error e) {
                LOG.error("The write-ahead log writer failed; the log refuses writes from now on", e);
                broken = new IOException("the write-ahead log writer failed: " + e, e);
            } finally {
                failAll(group, new IOException("the write-ahead log stopped before the record was durable"));
                group.clear();
            }
        }
        failAll(queue, new IOException("the write-ahead log is closed"));
    }

    private void writeGroup(List<Pending> group) {
        if (broken != null) {
            failAll(group, broken);
            return;
        }
        long start = lastSequence;
        long position = 0;
        try {
            position = active.position();
            long seq = start;
            for (Pending p : group) {
                writeRecord(++seq, p.payload);
                if (policy == FsyncPolicy.EVERY_WRITE) {
                    active.force(false);
                }
            }
            active.force(false);
            lastSyncNanos = System.nanoTime();
            lastSequence = seq;
        } catch (IOException e) {
            LOG.error("Cannot write to the write-ahead log in {}", dir, e);
            recover(position, e);
            failAll(group, e);
            return;
        }
        rollIfFull();
        long seq = start;
        for (Pending p : group) {
            seq++;
            try {
                p.onDurable.accept(seq);
            } catch (RuntimeException e) {
                LOG.error("Write-ahead log listener failed for record {}", seq, e);
            }
            p.done.complete(seq);
        }
    }

    private void writeRecord(long seq, RecordPayload payload) throws IOException {
        CRC32 crc = new CRC32();
        byte[] seqBytes = WalSegmentReader.longBytes(seq);
        crc.update(seqBytes);
        payload.updateChecksum(crc);
        ByteBuffer[] pieces = payload.buffers();
        ByteBuffer[] buffers = new ByteBuffer[pieces.length + 1];
        buffers[0] = ByteBuffer.allocate(WalSegmentReader.HEADER_BYTES);
        buffers[0].putInt(payload.length()).putInt((int) crc.getValue()).put(seqBytes).flip();
        System.arraycopy(pieces, 0, buffers, 1, pieces.length);
        for (long left = WalSegmentReader.HEADER_BYTES + (long) payload.length(); left > 0;) {
            left -= active.write(buffers);
        }
    }

    private void recover(long position, IOException cause) {
        try {
            active.truncate(position);
            active.position(position);
        } catch (IOException e) {
            broken = cause;
        }
    }

    private void rollIfFull() {
        try {
            if (active.size() >= segmentBytes) {
                active.close();
                active = createSegment(lastSequence + 1);
            }
        } catch (IOException e) {
            LOG.error("Cannot roll the write-ahead log segment in {}", dir, e);
            broken = e;
        }
    }

    private static void failAll(Iterable<Pending> pending, IOException cause) {
        for (Pending p : pending) {
            p.done.completeExceptionally(new UncheckedIOException(cause.getMessage(), cause));
        }
    }

    /**
     * Reads the records with sequence numbers in {@code (after, through]} in order, skipping
     * corrupt tails with a warning.
     *
     * @return whether the consumer took every record (false if it asked to stop)
     */
    boolean replay(long after, long through, RecordConsumer consumer) throws IOException {
        List<Map.Entry<Long, Path>> files = new ArrayList<>(segments.entrySet());
        for (int i = 0; i < files.size(); i++) {
            Long nextFirst = i + 1 < files.size() ? files.get(i + 1).getKey() : null;
            if (files.get(i).getKey() > through || (nextFirst != null && nextFirst - 1 <= after)) {
                continue;
            }
            try (WalSegmentReader reader = new WalSegmentReader(files.get(i).getValue())) {
                while (reader.next()) {
                    long seq = reader.sequence();
                    if (seq > after && seq <= through && !consumer.accept(seq, reader.payload())) {
                        return false;
                    }
                    if (seq >= through) {
                        return true;
                    }
                }
                if (reader.corruption() != null) {
                    LOG.warn("Write-ahead log replay: {}; the rest of the segment is skipped", reader.corruption());
                }
            }
        }
        return true;
    }

    /** Deletes the segments whose records all have sequence numbers up to {@code sequence}. */
    void markFlushedThrough(long sequence) {
        List<Map.Entry<Long, Path>> files = new ArrayList<>(segments.entrySet());
        for (int i = 0; i + 1 < files.size() && files.get(i + 1).getKey() - 1 <= sequence; i++) {
            Path file = files.get(i).getValue();
            try {
                Files.deleteIfExists(file);
                segments.remove(files.get(i).getKey());
                LOG.debug("Deleted flushed write-ahead log segment {}", file.getFileName());
            } catch (IOException e) {
                LOG.warn("Cannot delete flushed write-ahead log segment {}", file, e);
                return;
            }
        }
    }

    /** Returns the number of segment files. */
    int segmentCount() {
        return segments.size();
    }

    /** Writes and acknowledges what is queued, then closes the active segment. */
    @Override
    public void close() {
        synchronized (queue) {
            open = false;
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
            active.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Cannot close the write-ahead log in {}", dir, e);
        }
    }
}
