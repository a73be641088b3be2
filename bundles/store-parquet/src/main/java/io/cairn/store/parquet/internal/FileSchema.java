package io.cairn.store.parquet.internal;

import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a Cairn file: {@code time} as INT64 TIMESTAMP(NANOS, UTC), one optional
 * UTF-8 column per tag key, then one optional typed column per field.
 */
final class FileSchema {
    static final String TIME = "time";

    private FileSchema() {
    }

    static MessageType of(List<String> tagKeys, Slots fields) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        b.required(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.NANOS)).named(TIME);
        for (String key : tagKeys) {
            b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(key);
        }
        for (int s = 0; s < fields.size(); s++) {
            String name = fields.name(s);
            switch (fields.type(s)) {
                case FLOAT -> b.optional(PrimitiveTypeName.DOUBLE).named(name);
                case INTEGER -> b.optional(PrimitiveTypeName.INT64).named(name);
                case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(name);
                case STRING -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
            }
        }
        return b.named("cairn");
    }
}
