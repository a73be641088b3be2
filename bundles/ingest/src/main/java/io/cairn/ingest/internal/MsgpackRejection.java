package io.cairn.ingest.internal;

/**
 * A rejected item, or row of a columnar item, of a MessagePack write.
 *
 * @param index the 0-based position of the item in {@code batch} (0 for a single item)
 * @param row the 0-based row within a columnar item, or -1 when the whole item is rejected
 * @param code the machine-readable reason
 * @param message what is wrong, for a person
 */
record MsgpackRejection(int index, int row, String code, String message) {
    static final String INVALID_ITEM = "INVALID_ITEM";
}
