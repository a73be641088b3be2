package io.cairn.store.parquet.internal;

import io.cairn.api.model.Tags;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The rows of one Parquet file in file order (series, then time), projected to time, tags and the
 * slots' fields, filtered by a predicate that also prunes row groups by statistics and dictionaries.
 * Reads one row group at a time.
 */
final class FileRows implements AutoCloseable {
    final DataFile file;
    private final ParquetReader<MutableRow> reader;
    private MutableRow current;

    FileRows(Path path, DataFile file, Slots slots, FilterPredicate filter, Map<Tags, Tags> canonical) throws IOException {
        this.file = file;
        Builder builder = new Builder(new LocalInputFile(path), new RowReadSupport(file, slots, canonical));
        if (filter != null) {
            builder.withFilter(FilterCompat.get(filter));
        }
        this.reader = builder.build();
    }

    /** Moves to the next row; false at the end. */
    boolean advance() throws IOException {
        current = reader.read();
        return current != null;
    }

    MutableRow current() {
        return current;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private static final class Builder extends ParquetReader.Builder<MutableRow> {
        private final RowReadSupport support;

        Builder(InputFile file, RowReadSupport support) {
            super(file, new PlainParquetConfiguration());
            this.support = support;
        }

        @Override
        protected ReadSupport<MutableRow> getReadSupport() {
            return support;
        }
    }

    /** Projects a file to time, its tags and the requested fields it has with the expected type. */
    private static final class RowReadSupport extends ReadSupport<MutableRow> {
        private final DataFile file;
        private final Slots slots;
        private final Map<Tags, Tags> canonical;

        RowReadSupport(DataFile file, Slots slots, Map<Tags, Tags> canonical) {
            this.file = file;
            this.slots = slots;
            this.canonical = canonical;
        }

        @Override
        public ReadContext init(InitContext context) {
            MessageType schema = context.getFileSchema();
            List<Type> kept = new ArrayList<>();
            for (Type column : schema.getFields()) {
                String name = column.getName();
                int slot = slots.indexOf(name);
                boolean field = slot >= 0 && file.fields().get(name) == slots.type(slot);
                if (name.equals(FileSchema.TIME) || file.tags().contains(name) || field) {
                    kept.add(column);
                }
            }
            return new ReadContext(new MessageType(schema.getName(), kept));
        }

        @Override
        public RecordMaterializer<MutableRow> prepareForRead(org.apache.hadoop.conf.Configuration configuration,
                Map<String, String> keyValueMetaData, MessageType fileSchema, ReadContext readContext) {
            return new RowMaterializer(readContext.getRequestedSchema(), file.tags(), slots, canonical);
        }

        @Override
        public RecordMaterializer<MutableRow> prepareForRead(ParquetConfiguration configuration,
                Map<String, String> keyValueMetaData, MessageType fileSchema, ReadContext readContext) {
            return new RowMaterializer(readContext.getRequestedSchema(), file.tags(), slots, canonical);
        }
    }
}
