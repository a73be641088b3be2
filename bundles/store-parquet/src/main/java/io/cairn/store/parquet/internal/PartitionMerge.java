package io.cairn.store.parquet.internal;

import io.cairn.api.model.Tags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The rows of one partition's files merged in series-then-time order, with rows of the same series
 * and time combined: per field, the file with the higher sequence wins. Holds one row group per
 * open file in memory.
 */
final class PartitionMerge implements AutoCloseable {
    private static final Comparator<FileRows> ORDER = (a, b) -> {
        int c = compareTags(a.current().tags(), b.current().tags());
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.current().time(), b.current().time());
        return c != 0 ? c : Long.compare(a.file.seq(), b.file.seq());
    };

    private final PriorityQueue<FileRows> queue = new PriorityQueue<>(ORDER);
    private final RowFilter filter;
    private final MutableRow merged;
    private final Map<Tags, Tags> canonical = new HashMap<>();
    private FileRows pending;

    private PartitionMerge(Slots slots, RowFilter filter) {
        this.filter = filter;
        this.merged = new MutableRow(slots);
    }

    /** Opens the files of a partition that may match the filter. */
    static PartitionMerge open(Path dir, List<DataFile> files, Slots slots, RowFilter filter) {
        PartitionMerge merge = new PartitionMerge(slots, filter);
        try {
            for (DataFile file : files) {
                if (!filter.mayMatch(file)) {
                    continue;
                }
                FileRows rows = new FileRows(dir.resolve(file.name()), file, slots, filter.parquetPredicate(file),
                        merge.canonical);
                if (rows.advance()) {
                    merge.queue.add(rows);
                } else {
                    rows.close();
                }
            }
            return merge;
        } catch (IOException e) {
            merge.close();
            throw new UncheckedIOException("cannot read " + dir, e);
        } catch (RuntimeException e) {
            merge.close();
            throw e;
        }
    }

    static int compareTags(Tags a, Tags b) {
        return a == b ? 0 : a.compareTo(b);
    }

    /** Returns the next matching row, valid until the next call, or null at the end. */
    Row next() {
        try {
            while (true) {
                if (pending != null) {
                    requeue(pending);
                    pending = null;
                }
                FileRows top = queue.poll();
                if (top == null) {
                    return null;
                }
                Row row = top.current();
                if (queue.isEmpty() || !sameKey(queue.peek().current(), row)) {
                    pending = top;
                } else {
                    merged.clear();
                    merged.overlay(row);
                    requeue(top);
                    while (!queue.isEmpty() && sameKey(queue.peek().current(), merged)) {
                        FileRows next = queue.poll();
                        merged.overlay(next.current());
                        requeue(next);
                    }
                    row = merged;
                }
                if (filter.matches(row)) {
                    return row;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a Parquet file", e);
        }
    }

    private static boolean sameKey(Row a, Row b) {
        return a.time() == b.time() && compareTags(a.tags(), b.tags()) == 0;
    }

    private void requeue(FileRows rows) throws IOException {
        if (rows.advance()) {
            queue.add(rows);
        } else {
            rows.close();
        }
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
        for (FileRows rows : queue) {
            rows.close();
        }
        queue.clear();
    }
}
