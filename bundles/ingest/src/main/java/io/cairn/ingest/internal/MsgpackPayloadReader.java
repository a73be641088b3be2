package io.cairn.ingest.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.ObjIntConsumer;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessageIntegerOverflowException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageStringCodingException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.msgpack.value.ValueType;

/**
 * Reads a MessagePack write payload ({@code {"batch":[...]}} or a single item) with a
 * {@link MessageUnpacker}, handing each {@link MsgpackItem} with its index to a consumer as soon as
 * it is read. Column values go straight into {@link MsgpackColumn}s, decoded from the bytes by a
 * {@link MsgpackColumnDecoder} as far as it can. A value of the wrong type
 * inside an item is skipped and recorded on the item; bytes that are not MessagePack, a payload
 * that is not a map, and trailing bytes fail the whole payload with {@link MalformedException}.
 */
final class MsgpackPayloadReader {
    /** Why a payload cannot be read, with the byte offset where reading stopped. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long offset;

        MalformedException(String message, long offset) {
            super(message, null, false, false);
            this.offset = offset;
        }

        long offset() {
            return offset;
        }
    }

    /** The longest string a column may hold, checked before reading it. */
    static final int MAX_COLUMN_STRING = 1 << 20;

    private final MessageUnpacker in;
    private final byte[] body;
    private final MsgpackColumnDecoder columns;
    /** The payload offset at which {@link #in} starts. */
    private int base;
    private final LocalStringTable strings;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] scratch = new byte[256];

    /**
     * Reads a whole payload; the column strings come from (and go to) {@code strings}, which a writer shares
     * across requests so that the rows of one series in different requests hold the same String instances.
     */
    MsgpackPayloadReader(byte[] body, ByteRangeCache<String> strings) {
        this.body = body;
        this.strings = new LocalStringTable(strings);
        this.columns = new MsgpackColumnDecoder(body, this.strings, MAX_COLUMN_STRING);
        this.in = new MessagePack.UnpackerConfig()
                .withActionOnMalformedString(CodingErrorAction.REPORT)
                .withActionOnUnmappableString(CodingErrorAction.REPORT)
                .newUnpacker(body);
    }

    /** Reads the whole payload; only the stream's own failures are thrown as IOException. */
    void read(ObjIntConsumer<MsgpackItem> items) throws IOException, MalformedException {
        try {
            if (type() != ValueType.MAP) {
                throw malformed("the payload must be a map ({\"batch\":[...]} or one item), not " + type());
            }
            int keys = in.unpackMapHeader();
            MsgpackItem top = new MsgpackItem();
            boolean batch = false;
            for (int i = 0; i < keys; i++) {
                String key = key(top);
                if ("batch".equals(key)) {
                    if (batch) {
                        throw malformed("'batch' appears twice");
                    }
                    batch = true;
                    batch(items);
                } else if (key != null) {
                    top.touched = true;
                    itemKey(top, key);
                }
            }
            if (batch && top.touched) {
                throw malformed("a payload with 'batch' cannot have item keys beside it");
            }
            if (!batch) {
                items.accept(top, 0);
            }
            if (in.hasNext()) {
                throw malformed("unexpected bytes after the payload");
            }
        } catch (MessageInsufficientBufferException e) {
            throw malformed("the payload ends early (truncated)");
        } catch (MessagePackException e) {
            throw malformed("not valid MessagePack: " + e.getMessage());
        }
    }

    private void batch(ObjIntConsumer<MsgpackItem> items) throws IOException, MalformedException {
        if (type() != ValueType.ARRAY) {
            throw malformed("'batch' must be an array, not " + type());
        }
        int n = in.unpackArrayHeader();
        for (int i = 0; i < n; i++) {
            MsgpackItem item = new MsgpackItem();
            if (type() == ValueType.MAP) {
                int keys = in.unpackMapHeader();
                for (int k = 0; k < keys; k++) {
                    String key = key(item);
                    if (key != null) {
                        itemKey(item, key);
                    }
                }
            } else {
                item.fail(MsgpackRejection.INVALID_ITEM, "an item must be a map, not " + type());
                in.skipValue();
            }
            items.accept(item, i);
        }
    }

    private void itemKey(MsgpackItem item, String key) throws IOException {
        ValueType t = type();
        switch (key) {
            case "m" -> item.measurement = string(item, "'m'");
            case "precision" -> item.precision = string(item, "'precision'");
            case "t" -> item.time = integer(item, "'t'");
            case "tags" -> {
                if (t == ValueType.ARRAY) {
                    int n = in.unpackArrayHeader();
                    for (int i = 0; i < n; i++) {
                        String name = string(item, "a name in 'tags'");
                        if (name != null) {
                            item.tagNames().add(name);
                        }
                    }
                } else if (t == ValueType.MAP) {
                    int n = in.unpackMapHeader();
                    for (int i = 0; i < n; i++) {
                        String name = key(item);
                        String value = string(item, "tag '" + name + "'");
                        if (name != null && value != null) {
                            item.rowTags().put(name, value);
                        }
                    }
                } else {
                    wrongType(item, "'tags'", "an array of names or a map");
                }
            }
            case "columns" -> {
                if (t != ValueType.MAP) {
                    wrongType(item, "'columns'", "a map of arrays");
                    return;
                }
                item.columns();
                int n = in.unpackMapHeader();
                for (int i = 0; i < n; i++) {
                    column(item, columnName(item));
                }
            }
            case "fields" -> {
                if (t != ValueType.MAP) {
                    wrongType(item, "'fields'", "a map");
                    return;
                }
                item.fields();
                int n = in.unpackMapHeader();
                for (int i = 0; i < n; i++) {
                    String name = key(item);
                    Object value = fieldValue(item, "field '" + name + "'");
                    if (name != null && value != null) {
                        item.fields().put(name, value);
                    }
                }
            }
            default -> {
                item.fail(MsgpackRejection.INVALID_ITEM, "unknown key '" + key + "'");
                in.skipValue();
            }
        }
    }

    private void column(MsgpackItem item, String name) throws IOException {
        if (type() != ValueType.ARRAY) {
            wrongType(item, "column '" + name + "'", "an array");
            return;
        }
        int n = in.unpackArrayHeader();
        MsgpackColumn c = new MsgpackColumn(name, n);
        int at = offset();
        int i = columns.decode(at, c, n);
        if (columns.position() != at) {
            base = columns.position();
            in.reset(new ArrayBufferInput(body, base, body.length - base));
        }
        for (; i < n; i++) {
            switch (type()) {
                case NIL -> {
                    in.unpackNil();
                    c.addNil();
                }
                case BOOLEAN -> c.addBoolean(in.unpackBoolean());
                case INTEGER -> {
                    try {
                        c.addLong(in.unpackLong());
                    } catch (MessageIntegerOverflowException e) {
                        item.fail(LineRejection.INVALID_VALUE,
                                "row " + i + " of column '" + name + "' is larger than a signed 64-bit integer");
                        c.addNil();
                    }
                }
                case FLOAT -> c.addDouble(in.unpackDouble());
                case STRING -> c.addString(columnString());
                default -> {
                    wrongType(item, "row " + i + " of column '" + name + "'", "nil, a boolean, a number or a string");
                    c.addNil();
                }
            }
        }
        if (name != null && item.columns().putIfAbsent(name, c) != null) {
            item.fail(MsgpackRejection.INVALID_ITEM, "column '" + name + "' appears twice");
        }
    }

    private Object fieldValue(MsgpackItem item, String what) throws IOException {
        return switch (type()) {
            case NIL -> {
                in.unpackNil();
                yield null;
            }
            case BOOLEAN -> in.unpackBoolean();
            case INTEGER -> integer(item, what);
            case FLOAT -> in.unpackDouble();
            case STRING -> in.unpackString();
            default -> {
                wrongType(item, what, "nil, a boolean, a number or a string");
                yield null;
            }
        };
    }

    /** Reads a map key, which must be a string; returns null (key skipped, item failed) otherwise. */
    private String key(MsgpackItem item) throws IOException {
        if (type() == ValueType.STRING) {
            return in.unpackString();
        }
        wrongType(item, "a key", "a string");
        return null;
    }

    /**
     * Reads a column name as {@link #key} does, the same String for the same name in every request; a name with
     * a 32-bit length (beyond any limit of a name) is left to {@link #key}.
     */
    private String columnName(MsgpackItem item) throws IOException {
        if (type() != ValueType.STRING || (body[offset()] & 0xff) == 0xdb) {
            return key(item);
        }
        return cachedString(in.unpackRawStringHeader());
    }

    /** Reads a string or nil (null); anything else is skipped and fails the item. */
    private String string(MsgpackItem item, String what) throws IOException {
        ValueType t = type();
        if (t == ValueType.STRING) {
            return in.unpackString();
        }
        if (t == ValueType.NIL) {
            in.unpackNil();
        } else {
            wrongType(item, what, "a string");
        }
        return null;
    }

    /** Reads a signed 64-bit integer or nil (null); anything else is skipped and fails the item. */
    private Long integer(MsgpackItem item, String what) throws IOException {
        ValueType t = type();
        if (t == ValueType.INTEGER) {
            try {
                return in.unpackLong();
            } catch (MessageIntegerOverflowException e) {
                item.fail(LineRejection.INVALID_VALUE, what + " is larger than a signed 64-bit integer");
                return null;
            }
        }
        if (t == ValueType.NIL) {
            in.unpackNil();
        } else {
            wrongType(item, what, "an integer");
        }
        return null;
    }

    private void wrongType(MsgpackItem item, String what, String expected) throws IOException {
        item.fail(MsgpackRejection.INVALID_ITEM, what + " must be " + expected + ", not " + type());
        in.skipValue();
    }

    /**
     * Reads a string of a column: a value seen before in this request comes back as the same String, so
     * the tag sets of its rows hash and compare without decoding or hashing characters again.
     */
    private String columnString() throws IOException {
        int length = in.unpackRawStringHeader();
        if (length > MAX_COLUMN_STRING) {
            throw new MessageSizeException("a string of " + length + " bytes is longer than " + MAX_COLUMN_STRING, length);
        }
        return cachedString(length);
    }

    /** Reads the {@code length} bytes of a string whose header was read, through the cache. */
    private String cachedString(int length) throws IOException {
        if (length > scratch.length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        in.readPayload(scratch, 0, length);
        String cached = strings.get(scratch, 0, length);
        if (cached == null) {
            try {
                cached = utf8.decode(ByteBuffer.wrap(scratch, 0, length)).toString();
            } catch (CharacterCodingException e) {
                throw new MessageStringCodingException(e);
            }
            strings.put(scratch, 0, length, cached);
        }
        return cached;
    }

    private ValueType type() throws IOException {
        return in.getNextFormat().getValueType();
    }

    private int offset() {
        return base + (int) in.getTotalReadBytes();
    }

    private MalformedException malformed(String message) {
        return new MalformedException(message, offset());
    }
}
