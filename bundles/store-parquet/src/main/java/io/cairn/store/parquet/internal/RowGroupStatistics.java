package io.cairn.store.parquet.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.TagPredicate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;

/**
 * Answers count, min and max of a file from its row-group statistics alone, without reading values,
 * when they settle the question: the file is the partition's only one (nothing to deduplicate), lies
 * wholly in the range and in one bucket, and every row group has a single value (or none) for each
 * group-by and predicate tag.
 */
final class RowGroupStatistics {
    private static final Set<AggregateFunction> ANSWERABLE =
            Set.of(AggregateFunction.COUNT, AggregateFunction.MIN, AggregateFunction.MAX);

    private RowGroupStatistics() {
    }

    /** Returns whether a partition's files may be answered from statistics, judging by its manifest. */
    static boolean mayAnswer(List<DataFile> files, Aggregation aggregation, long start, long end) {
        if (files.size() != 1 || !ANSWERABLE.containsAll(aggregation.functions())) {
            return false;
        }
        DataFile f = files.get(0);
        return f.minTime() >= start && f.maxTime() < end
                && aggregation.bucketOf(f.minTime(), start) == aggregation.bucketOf(f.maxTime(), start);
    }

    /**
     * Adds the file's row groups to the aggregation from their statistics and returns true, or adds
     * nothing and returns false when some row group cannot be answered that way.
     */
    static boolean add(Path path, DataFile file, Slots slots, Aggregation aggregation, List<TagPredicate> predicates,
            long start, AggregateRows target) {
        List<Summary> summaries = new ArrayList<>();
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(path), options)) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                Map<String, ColumnChunkMetaData> columns = new HashMap<>();
                block.getColumns().forEach(c -> columns.put(c.getPath().toDotString(), c));
                Boolean matches = matches(columns, predicates);
                if (matches == null) {
                    return false;
                }
                Tags group = group(columns, aggregation.groupBy());
                if (group == null) {
                    return false;
                }
                if (!matches) {
                    continue;
                }
                long bucket = aggregation.bucketOf(file.minTime(), start);
                for (int s = 0; s < slots.size(); s++) {
                    ColumnChunkMetaData column = columns.get(slots.name(s));
                    if (column == null) {
                        continue;
                    }
                    Statistics<?> stats = column.getStatistics();
                    if (stats == null || stats.isEmpty() || !stats.isNumNullsSet()) {
                        return false;
                    }
                    long count = column.getValueCount() - stats.getNumNulls();
                    if (count > 0) {
                        boolean numeric = slots.type(s).isNumeric();
                        double min = numeric ? ((Number) stats.genericGetMin()).doubleValue() : Double.NaN;
                        double max = numeric ? ((Number) stats.genericGetMax()).doubleValue() : Double.NaN;
                        summaries.add(new Summary(group, bucket, s, count, min, max));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the footer of " + path, e);
        }
        summaries.forEach(x -> target.addSummary(x.group, x.bucket, x.slot, x.count, x.min, x.max));
        return true;
    }

    private record Summary(Tags group, long bucket, int slot, long count, double min, double max) {
    }

    /** What a row group's statistics say of a tag: one value for every row, absent from every row, or unknown. */
    private record TagState(boolean known, String value) {
        static final TagState UNKNOWN = new TagState(false, null);
        static final TagState ABSENT = new TagState(true, null);
    }

    /** Returns whether all rows of a row group meet the predicates, none do, or null when statistics cannot tell. */
    private static Boolean matches(Map<String, ColumnChunkMetaData> columns, List<TagPredicate> predicates) {
        for (TagPredicate p : predicates) {
            TagState tag = tagState(columns.get(p.key()));
            if (!tag.known()) {
                return null;
            }
            if (tag.value() == null || !p.values().contains(tag.value())) {
                return Boolean.FALSE;
            }
        }
        return Boolean.TRUE;
    }

    /** Returns the group's tags when every group-by tag is settled in the row group, else null. */
    private static Tags group(Map<String, ColumnChunkMetaData> columns, List<String> groupBy) {
        List<String> pairs = new ArrayList<>();
        for (String key : groupBy) {
            TagState tag = tagState(columns.get(key));
            if (!tag.known()) {
                return null;
            }
            if (tag.value() != null) {
                pairs.add(key);
                pairs.add(tag.value());
            }
        }
        return Tags.of(pairs.toArray(new String[0]));
    }

    private static TagState tagState(ColumnChunkMetaData column) {
        if (column == null) {
            return TagState.ABSENT;
        }
        Statistics<?> stats = column.getStatistics();
        if (stats == null || stats.isEmpty() || !stats.isNumNullsSet()) {
            return TagState.UNKNOWN;
        }
        if (!stats.hasNonNullValue()) {
            return stats.getNumNulls() == column.getValueCount() ? TagState.ABSENT : TagState.UNKNOWN;
        }
        if (stats.getNumNulls() != 0 || !stats.genericGetMin().equals(stats.genericGetMax())) {
            return TagState.UNKNOWN;
        }
        return new TagState(true, ((Binary) stats.genericGetMin()).toStringUsingUTF8());
    }
}
