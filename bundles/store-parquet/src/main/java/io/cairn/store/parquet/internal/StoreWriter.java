package io.cairn.store.parquet.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Writes a batch as one new Parquet file per hour partition it touches, each published through the
 * partition's manifest; the catalog is extended (and forced) first.
 */
final class StoreWriter {
    private final StoreFiles files;
    private final LongSupplier nextSeq;
    private final Supplier<Settings> settings;
    private final AtomicLong points = new AtomicLong();

    StoreWriter(StoreFiles files, LongSupplier nextSeq, Supplier<Settings> settings) {
        this.files = files;
        this.nextSeq = nextSeq;
        this.settings = settings;
    }

    void write(WriteBatch batch) {
        if (batch.size() == 0) {
            return;
        }
        MeasurementFiles m = files.findOrCreate(batch.database(), batch.measurement());
        m.catalog().admit(batch);
        List<String> names = new ArrayList<>();
        List<FieldType> types = new ArrayList<>();
        for (FieldColumn c : batch.fields()) {
            names.add(c.name());
            types.add(c.type());
        }
        Slots slots = new Slots(names, types);
        List<String> tagKeys = tagKeys(batch);
        for (BatchRows rows : BatchRows.split(batch, slots)) {
            Partition partition = m.partition(rows.hour());
            long seq = nextSeq.getAsLong();
            String name = String.format("w%019d%s", seq, PartitionPaths.SUFFIX);
            try (PartitionFileWriter writer = new PartitionFileWriter(partition.dir(), name, tagKeys, slots,
                    settings.get().codec())) {
                for (int i = 0; i < rows.count(); i++) {
                    writer.write(rows.moveTo(i));
                }
                partition.add(writer.finish(seq));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to " + partition.dir(), e);
            }
            points.addAndGet(rows.count());
        }
    }

    private static List<String> tagKeys(WriteBatch batch) {
        TreeSet<String> keys = new TreeSet<>();
        for (Tags tags : batch.series()) {
            for (int i = 0; i < tags.size(); i++) {
                keys.add(tags.key(i));
            }
        }
        return List.copyOf(keys);
    }

    long pointsWritten() {
        return points.get();
    }
}
