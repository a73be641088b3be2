package io.cairn.ingest.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.ingest.internal.MsgpackItemAssembler.Refusal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds the rows of one columnar MessagePack item: {@code time} is the timestamp column (optional,
 * integers, nil meaning the server's time); the columns named in {@code tags} are tags, or when
 * there is no {@code tags} list the string columns are; every other column is a field (integers
 * INTEGER, floats FLOAT, booleans BOOLEAN, strings STRING), and a column whose values are all nil
 * is ignored. A nil value leaves that tag or field out of its row.
 */
final class MsgpackColumnarItem {
    /** Stands for a nil tag value in a row's key; equal only to itself. */
    private static final Object ABSENT = new Object();

    /** The tag set of rows of the item with the same tag values, admitted once for all of them. */
    private static final class RowSeries {
        final Tags tags;
        boolean admitted;

        RowSeries(Tags tags) {
            this.tags = tags;
        }
    }

    private final MsgpackItemAssembler assembler;
    private final MsgpackItem item;
    private final long unit;
    private final List<MsgpackColumn> tagColumns = new ArrayList<>();
    private final List<MsgpackColumn> fieldColumns = new ArrayList<>();
    private MsgpackColumn time;
    private int rows = -1;

    MsgpackColumnarItem(MsgpackItemAssembler assembler, MsgpackItem item, long unit) {
        this.assembler = assembler;
        this.item = item;
        this.unit = unit;
    }

    /** Checks the columns (refusing the whole item) and adds the rows, rejecting single rows as needed. */
    void add(int index) throws Refusal {
        classify();
        String measurement = item.measurement;
        for (MsgpackColumn c : fieldColumns) {
            assembler.checkType(measurement, c.name(), c.type());
        }
        WriteBatch.Builder builder = null;
        int firstRow = -1;
        int[] itemRows = new int[rows];
        int added = 0;
        Map<TagValuesKey, RowSeries> seen = new HashMap<>();
        MsgpackColumn[] tags = tagColumns.toArray(new MsgpackColumn[0]);
        Object[] values = new Object[tags.length];
        TagValuesKey probe = TagValuesKey.probe(values);
        boolean everyRowHasAField = fieldColumns.stream().anyMatch(MsgpackColumn::isDense);
        for (int r = 0; r < rows; r++) {
            try {
                for (int i = 0; i < values.length; i++) {
                    values[i] = tags[i].has(r) ? tags[i].stringAt(r) : ABSENT;
                }
                probe.rehash();
                RowSeries series = seen.get(probe);
                if (series == null) {
                    series = new RowSeries(tags(values));
                    seen.put(probe.copy(), series);
                }
                if (!everyRowHasAField && !anyField(r)) {
                    throw new Refusal(LineRejection.INVALID_LINE, "the row has no field values");
                }
                long t = time != null && time.has(r) ? assembler.time(time.longAt(r), unit) : assembler.time(null, unit);
                if (!series.admitted) {
                    assembler.admit(measurement, series.tags);
                    series.admitted = true;
                }
                if (builder == null) {
                    builder = assembler.builder(measurement, rows - r);
                    firstRow = builder.size();
                }
                builder.addRow(series.tags, t);
                itemRows[added++] = r;
            } catch (Refusal e) {
                assembler.rowRejected(index, r, e.code, "row " + r + ": " + e.getMessage());
            }
        }
        if (added > 0) {
            setFields(builder, firstRow, itemRows, added);
            for (int i = 0; i < added; i++) {
                assembler.rowAccepted();
            }
        }
    }

    private void classify() throws Refusal {
        Set<String> named = new HashSet<>();
        if (item.tagNames != null) {
            for (String name : item.tagNames) {
                if (!item.columns.containsKey(name)) {
                    throw new Refusal(MsgpackRejection.INVALID_ITEM, "tag '" + name + "' is not one of the columns");
                }
                named.add(name);
            }
        }
        if (item.rowTags != null) {
            throw new Refusal(MsgpackRejection.INVALID_ITEM, "'tags' of a columnar item must be an array of column names");
        }
        for (MsgpackColumn c : item.columns.values()) {
            if (rows >= 0 && c.size() != rows) {
                throw new Refusal(MsgpackRejection.INVALID_ITEM, "the columns differ in length: '"
                        + item.columns.keySet().iterator().next() + "' has " + rows + " values, '" + c.name()
                        + "' has " + c.size());
            }
            rows = c.size();
            if (c.clash() != null) {
                throw new Refusal(ItemError.FIELD_TYPE_CONFLICT, c.clash());
            }
            if (c.name().equals("time")) {
                if (c.type() != null && c.type() != FieldType.INTEGER) {
                    throw new Refusal(LineRejection.INVALID_TIMESTAMP, "column 'time' must hold integers, not " + c.type());
                }
                if (named.contains("time")) {
                    throw new Refusal(LineRejection.INVALID_NAME, "'time' cannot be a tag key");
                }
                time = c;
            } else if (item.tagNames != null ? named.contains(c.name()) : c.type() == FieldType.STRING) {
                if (c.type() != null && c.type() != FieldType.STRING) {
                    throw new Refusal(MsgpackRejection.INVALID_ITEM, "tag column '" + c.name() + "' must hold strings, not "
                            + c.type());
                }
                assembler.tagKey(c.name());
                tagColumns.add(c);
            } else if (c.type() != null) {
                assembler.fieldName(c.name());
                fieldColumns.add(c);
            }
        }
        if (fieldColumns.isEmpty()) {
            throw new Refusal(LineRejection.INVALID_LINE, "the item has no field columns with values");
        }
    }

    private boolean anyField(int r) {
        for (MsgpackColumn c : fieldColumns) {
            if (c.has(r)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the tag set of a row's tag values: one another request built, or checked and built now. Called once
     * per distinct set of an item.
     */
    private Tags tags(Object[] values) throws Refusal {
        Object[] namesAndValues = new Object[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            namesAndValues[i] = tagColumns.get(i).name();
            namesAndValues[values.length + i] = values[i];
        }
        TagValuesKey key = TagValuesKey.of(namesAndValues);
        Tags known = assembler.columnTagSets().get(key);
        if (known == null) {
            known = build(values);
            assembler.columnTagSets().put(key, known);
        }
        return known;
    }

    /** Checks a row's tag values and builds its tag set. */
    private Tags build(Object[] values) throws Refusal {
        String[] kv = new String[values.length * 2];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != ABSENT) {
                String key = tagColumns.get(i).name();
                assembler.tagValue(key, (String) values[i]);
                kv[n++] = key;
                kv[n++] = (String) values[i];
            }
        }
        return assembler.tags(kv, n);
    }

    /**
     * Sets the field values of the rows added, column by column and last row first (so the builder sizes each
     * column once): item row {@code itemRows[k]} is builder row {@code firstRow + k}. The column types were checked against the builder, so only a broken invariant
     * throws, and then the item's rows are taken back.
     */
    private void setFields(WriteBatch.Builder builder, int firstRow, int[] itemRows, int added) throws Refusal {
        try {
            for (MsgpackColumn c : fieldColumns) {
                WriteBatch.ColumnBuilder column = null;
                boolean dense = c.isDense();
                for (int k = added - 1; k >= 0; k--) {
                    int r = itemRows[k];
                    if (!dense && !c.has(r)) {
                        continue;
                    }
                    if (column == null) {
                        column = builder.column(c.name(), c.type());
                    }
                    switch (c.type()) {
                        case INTEGER -> column.setLong(firstRow + k, c.longAt(r));
                        case FLOAT -> column.setDouble(firstRow + k, c.doubleAt(r));
                        case BOOLEAN -> column.setBoolean(firstRow + k, c.booleanAt(r));
                        case STRING -> column.setString(firstRow + k, c.stringAt(r));
                    }
                }
            }
        } catch (RuntimeException e) {
            builder.truncate(firstRow);
            throw new Refusal(ItemError.FIELD_TYPE_CONFLICT, e.getMessage());
        }
    }
}
