package io.cairn.api.model;

/**
 * The type of a field's values. A field keeps the type it was first written with; a later write
 * of another type to the same field is rejected, never coerced.
 */
public enum FieldType {
    /** 64-bit IEEE 754 floating point. */
    FLOAT,
    /** 64-bit signed integer. */
    INTEGER,
    /** true or false. */
    BOOLEAN,
    /** UTF-8 text. */
    STRING;

    /** Returns the single byte that stands for this type in binary encodings. */
    public byte code() {
        return (byte) ordinal();
    }

    /**
     * Returns the type a {@link #code()} stands for.
     *
     * @throws IllegalArgumentException if the code is unknown
     */
    public static FieldType ofCode(int code) {
        FieldType[] all = values();
        if (code < 0 || code >= all.length) {
            throw new IllegalArgumentException("unknown field type code " + code);
        }
        return all[code];
    }

    /** Returns whether values of this type can be summed, averaged and compared. */
    public boolean isNumeric() {
        return this == FLOAT || this == INTEGER;
    }
}
