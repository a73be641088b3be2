package io.cairn.store.parquet.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The series, tag values and field types of one measurement, kept in memory and in an append-only
 * log ({@code _catalog.log}: one {@code F name type} or {@code S k v k v...} line per new entry,
 * tab-separated and URL-encoded), forced to disk before the data that needs it.
 */
final class MeasurementCatalog {
    private final Path log;
    private final Map<String, FieldType> fields = new TreeMap<>();
    private final Set<Tags> series = new HashSet<>();
    private final Map<String, TreeSet<String>> tagValues = new TreeMap<>();

    private MeasurementCatalog(Path log) {
        this.log = log;
    }

    /**
     * Loads a catalog log; a last line cut by a crash is ignored and cut off the file, so that the next entry
     * starts on a line of its own.
     */
    static MeasurementCatalog load(Path measurementDir) throws IOException {
        MeasurementCatalog catalog = new MeasurementCatalog(measurementDir.resolve(PartitionPaths.CATALOG));
        if (Files.exists(catalog.log)) {
            byte[] bytes = Files.readAllBytes(catalog.log);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            if (end < bytes.length) {
                try (FileChannel channel = FileChannel.open(catalog.log, StandardOpenOption.WRITE)) {
                    channel.truncate(end);
                    channel.force(true);
                }
            }
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    catalog.apply(line);
                }
            }
        }
        return catalog;
    }

    private void apply(String line) {
        String[] parts = line.split("\t", -1);
        if (parts[0].equals("F") && parts.length == 3) {
            fields.put(decode(parts[1]), FieldType.valueOf(parts[2]));
        } else if (parts[0].equals("S") && parts.length % 2 == 1) {
            String[] pairs = new String[parts.length - 1];
            for (int i = 1; i < parts.length; i++) {
                pairs[i - 1] = decode(parts[i]);
            }
            addSeries(Tags.of(pairs));
        }
    }

    private void addSeries(Tags tags) {
        if (series.add(tags)) {
            for (int i = 0; i < tags.size(); i++) {
                tagValues.computeIfAbsent(tags.key(i), k -> new TreeSet<>()).add(tags.value(i));
            }
        }
    }

    /**
     * Checks a batch against the stored field types and names, then records its new series and fields.
     *
     * @throws IllegalArgumentException if a field changes type, or a name is used as both tag and field
     */
    synchronized void admit(WriteBatch batch) {
        Set<String> batchTagKeys = new TreeSet<>();
        for (Tags tags : batch.series()) {
            for (int i = 0; i < tags.size(); i++) {
                batchTagKeys.add(tags.key(i));
            }
        }
        StringBuilder lines = new StringBuilder();
        for (FieldColumn column : batch.fields()) {
            String name = column.name();
            FieldType known = fields.get(name);
            if (known != null && known != column.type()) {
                throw new IllegalArgumentException("field " + name + " of " + batch.measurement() + " is "
                        + known + ", not " + column.type());
            }
            if (name.equals(FileSchema.TIME) || tagValues.containsKey(name) || batchTagKeys.contains(name)) {
                throw new IllegalArgumentException("field " + name + " of " + batch.measurement()
                        + " has the name of a tag or of the time column");
            }
            if (known == null) {
                lines.append("F\t").append(encode(name)).append('\t').append(column.type()).append('\n');
            }
        }
        for (String key : batchTagKeys) {
            if (fields.containsKey(key) || key.equals(FileSchema.TIME)) {
                throw new IllegalArgumentException("tag " + key + " of " + batch.measurement()
                        + " has the name of a field or of the time column");
            }
        }
        List<Tags> added = new ArrayList<>();
        for (Tags tags : batch.series()) {
            if (!series.contains(tags)) {
                added.add(tags);
                lines.append('S');
                for (int i = 0; i < tags.size(); i++) {
                    lines.append('\t').append(encode(tags.key(i))).append('\t').append(encode(tags.value(i)));
                }
                lines.append('\n');
            }
        }
        if (lines.length() == 0) {
            return;
        }
        append(lines.toString());
        for (FieldColumn column : batch.fields()) {
            fields.putIfAbsent(column.name(), column.type());
        }
        added.forEach(this::addSeries);
    }

    private void append(String text) {
        try {
            AtomicFiles.createFolders(log.getParent());
            boolean fresh = !Files.exists(log);
            try (FileChannel channel = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (fresh) {
                AtomicFiles.forceFolder(log.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the catalog " + log, e);
        }
    }

    synchronized Map<String, FieldType> fields() {
        return new TreeMap<>(fields);
    }

    synchronized List<String> tagKeys() {
        return new ArrayList<>(tagValues.keySet());
    }

    synchronized List<String> tagValues(String key, int limit) {
        TreeSet<String> values = tagValues.get(key);
        if (values == null) {
            return List.of();
        }
        return values.stream().limit(Math.max(0, limit)).toList();
    }

    synchronized long seriesCount() {
        return series.size();
    }

    synchronized boolean hasSeries(Tags tags) {
        return series.contains(tags);
    }

    synchronized boolean isEmpty() {
        return series.isEmpty() && fields.isEmpty();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
