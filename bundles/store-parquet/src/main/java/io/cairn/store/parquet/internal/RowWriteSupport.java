package io.cairn.store.parquet.internal;

import io.cairn.api.model.Tags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes {@link Row}s as Parquet records of a {@link FileSchema}, noting their time range. */
final class RowWriteSupport extends WriteSupport<Row> {
    private final List<String> tagKeys;
    private final Slots slots;
    private final MessageType schema;
    private RecordConsumer consumer;
    private Tags lastTags;
    private final Binary[] tagValues;
    long rows;
    long minTime = Long.MAX_VALUE;
    long maxTime = Long.MIN_VALUE;

    RowWriteSupport(List<String> tagKeys, Slots slots) {
        this.tagKeys = tagKeys;
        this.slots = slots;
        this.schema = FileSchema.of(tagKeys, slots);
        this.tagValues = new Binary[tagKeys.size()];
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return context();
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return context();
    }

    private WriteContext context() {
        Map<String, String> meta = new HashMap<>();
        meta.put("cairn.tags", String.join(",", tagKeys));
        meta.put("cairn.fields", String.join(",", slots.names()));
        return new WriteContext(schema, meta);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Row row) {
        long time = row.time();
        rows++;
        minTime = Math.min(minTime, time);
        maxTime = Math.max(maxTime, time);
        consumer.startMessage();
        consumer.startField(FileSchema.TIME, 0);
        consumer.addLong(time);
        consumer.endField(FileSchema.TIME, 0);
        Tags tags = row.tags();
        if (tags != lastTags) {
            lastTags = tags;
            for (int i = 0; i < tagValues.length; i++) {
                String v = tags.get(tagKeys.get(i));
                tagValues[i] = v == null ? null : Binary.fromString(v);
            }
        }
        for (int i = 0; i < tagValues.length; i++) {
            if (tagValues[i] != null) {
                consumer.startField(tagKeys.get(i), 1 + i);
                consumer.addBinary(tagValues[i]);
                consumer.endField(tagKeys.get(i), 1 + i);
            }
        }
        int base = 1 + tagValues.length;
        for (int s = 0; s < slots.size(); s++) {
            if (!row.has(s)) {
                continue;
            }
            String name = slots.name(s);
            consumer.startField(name, base + s);
            switch (slots.type(s)) {
                case FLOAT -> consumer.addDouble(row.doubleAt(s));
                case INTEGER -> consumer.addLong(row.longAt(s));
                case BOOLEAN -> consumer.addBoolean(row.booleanAt(s));
                case STRING -> consumer.addBinary(Binary.fromString(row.stringAt(s)));
            }
            consumer.endField(name, base + s);
        }
        consumer.endMessage();
    }
}
