package io.cairn.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntFunction;

/**
 * Request bodies generated ahead of the timed run into a file, so that memory stays bounded whatever the row
 * count and every target gets the same bytes; reading a batch back comes from the page cache.
 */
final class BatchFile implements AutoCloseable {
    final Path path;
    final long rows;
    final int batches;
    private final long[] offsets;
    private final FileChannel channel;

    BatchFile(IntFunction<byte[]> nextBatch, long rows, int batchLines) throws IOException {
        this.path = Files.createTempFile("tsbs-cpu-only", ".lp");
        this.rows = rows;
        this.batches = (int) ((rows + batchLines - 1) / batchLines);
        this.offsets = new long[batches + 1];
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.WRITE)) {
            for (int b = 0; b < batches; b++) {
                ByteBuffer body = ByteBuffer.wrap(nextBatch.apply((int) Math.min(batchLines, rows - (long) b * batchLines)));
                while (body.hasRemaining()) {
                    out.write(body);
                }
                offsets[b + 1] = offsets[b] + body.capacity();
            }
        }
        channel = FileChannel.open(path, StandardOpenOption.READ);
    }

    long bytes() {
        return offsets[batches];
    }

    /** Returns the body of a batch; safe from several threads (positional reads). */
    byte[] read(int batch) throws IOException {
        ByteBuffer body = ByteBuffer.allocate((int) (offsets[batch + 1] - offsets[batch]));
        while (body.hasRemaining()) {
            if (channel.read(body, offsets[batch] + body.position()) < 0) {
                throw new IOException("short batch file " + path);
            }
        }
        return body.array();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }
}
