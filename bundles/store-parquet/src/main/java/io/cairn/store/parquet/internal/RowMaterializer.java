package io.cairn.store.parquet.internal;

import io.cairn.api.model.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Turns Parquet records of a projected Cairn schema into one reused {@link MutableRow}: tags are
 * decoded once per dictionary entry and the row's {@link Tags} object is kept while the series stays.
 */
final class RowMaterializer extends RecordMaterializer<MutableRow> {
    private final MutableRow row;
    private final List<String> tagKeys = new ArrayList<>();
    private final String[] tagValues;
    private String[] lastValues;
    private final Converter[] converters;
    private final GroupConverter root;
    private final Map<Tags, Tags> canonical;

    /**
     * Creates the materializer; {@code canonical} is shared by the files of a merge so that equal tag
     * sets are one object there, and the merge compares series by identity.
     */
    RowMaterializer(MessageType projection, List<String> fileTags, Slots slots, Map<Tags, Tags> canonical) {
        this.row = new MutableRow(slots);
        this.canonical = canonical;
        List<Type> fields = projection.getFields();
        converters = new Converter[fields.size()];
        int tagCount = 0;
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).getName();
            if (name.equals(FileSchema.TIME)) {
                converters[i] = new TimeConverter();
            } else if (fileTags.contains(name)) {
                tagKeys.add(name);
                converters[i] = new StringConverter(tagCount++, true);
            } else {
                converters[i] = fieldConverter(slots, slots.indexOf(name));
            }
        }
        tagValues = new String[tagCount];
        root = new Root();
    }

    private Converter fieldConverter(Slots slots, int slot) {
        return switch (slots.type(slot)) {
            case STRING -> new StringConverter(slot, false);
            case FLOAT, INTEGER, BOOLEAN -> new ValueConverter(slot);
        };
    }

    @Override
    public MutableRow getCurrentRecord() {
        return row;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    private Tags tags() {
        if (lastValues != null && row.tags != null && Arrays.equals(lastValues, tagValues)) {
            return row.tags;
        }
        lastValues = tagValues.clone();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < tagValues.length; i++) {
            if (tagValues[i] != null) {
                pairs.add(tagKeys.get(i));
                pairs.add(tagValues[i]);
            }
        }
        Tags tags = pairs.isEmpty() ? Tags.EMPTY : Tags.of(pairs.toArray(new String[0]));
        return canonical.computeIfAbsent(tags, t -> t);
    }

    private final class Root extends GroupConverter {
        @Override
        public Converter getConverter(int fieldIndex) {
            return converters[fieldIndex];
        }

        @Override
        public void start() {
            row.clear();
            Arrays.fill(tagValues, null);
        }

        @Override
        public void end() {
            row.tags = tags();
        }
    }

    private final class TimeConverter extends PrimitiveConverter {
        @Override
        public void addLong(long value) {
            row.time = value;
        }
    }

    private final class ValueConverter extends PrimitiveConverter {
        private final int slot;

        ValueConverter(int slot) {
            this.slot = slot;
        }

        @Override
        public void addDouble(double value) {
            row.doubles[slot] = value;
            row.present[slot] = true;
        }

        @Override
        public void addLong(long value) {
            row.longs[slot] = value;
            row.present[slot] = true;
        }

        @Override
        public void addBoolean(boolean value) {
            row.booleans[slot] = value;
            row.present[slot] = true;
        }
    }

    /** A tag or string field, decoding each dictionary entry once. */
    private final class StringConverter extends PrimitiveConverter {
        private final int index;
        private final boolean tag;
        private String[] dictionary;

        StringConverter(int index, boolean tag) {
            this.index = index;
            this.tag = tag;
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary dict) {
            dictionary = new String[dict.getMaxId() + 1];
            for (int i = 0; i < dictionary.length; i++) {
                dictionary[i] = dict.decodeToBinary(i).toStringUsingUTF8();
            }
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            set(dictionary[dictionaryId]);
        }

        @Override
        public void addBinary(Binary value) {
            set(value.toStringUsingUTF8());
        }

        private void set(String value) {
            if (tag) {
                tagValues[index] = value;
            } else {
                row.strings[index] = value;
                row.present[index] = true;
            }
        }
    }
}
