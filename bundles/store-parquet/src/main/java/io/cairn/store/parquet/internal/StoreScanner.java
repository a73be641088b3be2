package io.cairn.store.parquet.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.TagPredicate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plans and starts scans: prunes partitions by hour and files by their manifest entries, then reads
 * raw rows lazily or aggregates them while streaming.
 */
final class StoreScanner {
    private final StoreFiles files;
    private final FileReaper reaper;
    private final AtomicLong filesFromStatistics = new AtomicLong();

    StoreScanner(StoreFiles files, FileReaper reaper) {
        this.files = files;
        this.reaper = reaper;
    }

    ScanCursor scan(ScanRequest request) {
        MeasurementFiles m = files.find(request.database(), request.measurement());
        if (m == null || request.endNanos() <= request.startNanos()) {
            return ScanCursor.of(List.of());
        }
        Map<String, FieldType> known = m.catalog().fields();
        Map<String, FieldType> chosen = new LinkedHashMap<>();
        for (String field : request.fields().isEmpty() ? known.keySet() : request.fields()) {
            if (known.containsKey(field)) {
                chosen.put(field, known.get(field));
            }
        }
        List<String> tagKeys = m.catalog().tagKeys();
        for (TagPredicate p : request.predicates()) {
            if (!tagKeys.contains(p.key())) {
                return ScanCursor.of(List.of());
            }
        }
        Slots slots = Slots.of(chosen);
        RowFilter filter = new RowFilter(request.startNanos(), request.endNanos(), request.predicates());
        ScanSnapshot snapshot = reaper.open(token -> snapshot(m, filter, token));
        if (request.aggregation() == null) {
            return new RawScanCursor(snapshot, reaper, slots, filter, request.limit());
        }
        try {
            AggregateRows aggregate = new AggregateRows(slots, request.aggregation(), request.startNanos());
            if (slots.size() > 0) {
                for (ScanSnapshot.Part part : snapshot.parts()) {
                    if (RowGroupStatistics.mayAnswer(part.files(), request.aggregation(), request.startNanos(),
                            request.endNanos()) && RowGroupStatistics.add(part.dir().resolve(part.files().get(0).name()),
                                    part.files().get(0), slots, request.aggregation(), request.predicates(),
                                    request.startNanos(), aggregate)) {
                        filesFromStatistics.incrementAndGet();
                        continue;
                    }
                    try (PartitionMerge merge = PartitionMerge.open(part.dir(), part.files(), slots, filter)) {
                        Row row;
                        while ((row = merge.next()) != null) {
                            aggregate.add(row);
                        }
                    }
                }
            }
            return ScanCursor.of(aggregate.result());
        } finally {
            reaper.release(snapshot.token());
        }
    }

    /** Returns how many files aggregations answered from row-group statistics alone. */
    long filesFromStatistics() {
        return filesFromStatistics.get();
    }

    private static ScanSnapshot snapshot(MeasurementFiles m, RowFilter filter, long token) {
        List<ScanSnapshot.Part> parts = new ArrayList<>();
        long fromHour = PartitionPaths.hourOf(filter.start());
        long toHour = PartitionPaths.hourOf(filter.end() - 1);
        for (Partition p : m.partitionsBetween(fromHour, toHour)) {
            List<DataFile> live = new ArrayList<>();
            for (DataFile f : p.files()) {
                if (filter.mayMatch(f)) {
                    live.add(f);
                }
            }
            if (!live.isEmpty()) {
                parts.add(new ScanSnapshot.Part(p.hour(), p.dir(), live));
            }
        }
        return new ScanSnapshot(parts, token);
    }
}
