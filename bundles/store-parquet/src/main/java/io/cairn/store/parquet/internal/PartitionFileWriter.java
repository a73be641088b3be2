package io.cairn.store.parquet.internal;

import io.cairn.api.model.FieldType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes one Parquet file of a partition under a temporary name; {@link #finish} forces it to disk
 * and renames it to its final name, {@link #abort} removes it.
 */
final class PartitionFileWriter implements AutoCloseable {
    private final Path temp;
    private final Path target;
    private final List<String> tagKeys;
    private final Slots slots;
    private final RowWriteSupport support;
    private final ParquetWriter<Row> writer;
    private boolean done;

    PartitionFileWriter(Path dir, String name, List<String> tagKeys, Slots slots, CompressionCodecName codec)
            throws IOException {
        AtomicFiles.createFolders(dir);
        this.target = dir.resolve(name);
        this.temp = dir.resolve(name + PartitionPaths.TEMP_SUFFIX);
        this.tagKeys = tagKeys;
        this.slots = slots;
        this.support = new RowWriteSupport(tagKeys, slots);
        this.writer = new Builder(new LocalOutputFile(temp), support)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(codec)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
                .withDictionaryEncoding(true)
                .withDictionaryEncoding(FileSchema.TIME, false)
                .withByteStreamSplitEncoding(true)
                .withStatisticsEnabled(true)
                .withPageSize(1 << 20)
                .withRowGroupSize(128L << 20)
                .build();
    }

    void write(Row row) throws IOException {
        writer.write(row);
    }

    long rows() {
        return support.rows;
    }

    /** Returns the bytes written so far, buffered row group included. */
    long dataSize() {
        return writer.getDataSize();
    }

    /** Closes, forces and renames the file, and returns its manifest entry. */
    DataFile finish(long seq) throws IOException {
        writer.close();
        done = true;
        AtomicFiles.publish(temp, target);
        Map<String, FieldType> fields = new LinkedHashMap<>();
        for (int s = 0; s < slots.size(); s++) {
            fields.put(slots.name(s), slots.type(s));
        }
        return new DataFile(target.getFileName().toString(), seq, support.rows, support.minTime, support.maxTime,
                Files.size(target), tagKeys, fields);
    }

    /** Drops an unfinished file. */
    void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            // the file is deleted anyway
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a leftover temporary file is removed on the next start
        }
    }

    @Override
    public void close() {
        abort();
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
