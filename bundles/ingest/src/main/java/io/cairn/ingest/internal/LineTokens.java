package io.cairn.ingest.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the text of a line protocol line straight from the request bytes: escaped names and quoted strings
 * ({@link ScalarTokens} parses its numbers and booleans). Failures are {@link LineError}s. Not thread safe.
 */
final class LineTokens {
    /** Why a line is rejected; carries no stack trace, being part of normal input handling. */
    static final class LineError extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        LineError(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final RepeatedNames names;
    private byte[] scratch = new byte[256];

    /** Creates tokens whose plain names come from (and go to) {@code names}. */
    LineTokens(RepeatedNames names) {
        this.names = names;
    }

    /** Returns whether {@code c} may follow a backslash in a name to stand for itself. */
    static boolean nameEscapable(byte c) {
        return c == ',' || c == ' ' || c == '=' || c == '\\';
    }

    /**
     * Decodes a name (measurement, tag key or value, field key) from {@code [from, to)}: a backslash
     * before {@code , = space \} stands for that character, before anything else for itself.
     * Control characters and bytes that are not UTF-8 are refused.
     */
    String name(byte[] b, int from, int to, String what) throws LineError {
        return name(b, from, to, what, null);
    }

    /** Decodes the value of a tag as {@link #name} does; its errors name the tag. */
    String tagValue(byte[] b, int from, int to, String key) throws LineError {
        return name(b, from, to, "value of tag", key);
    }

    private String name(byte[] b, int from, int to, String what, String tag) throws LineError {
        if (from == to) {
            throw new LineError(LineRejection.INVALID_NAME, label(what, tag) + " is empty");
        }
        int plain = from;
        while (plain < to && b[plain] >= 0x20 && b[plain] != 0x7f && b[plain] != '\\') {
            plain++;
        }
        if (plain == to) {
            return names.get(b, from, to - from);
        }
        int n = 0;
        boolean ascii = true;
        byte[] s = room(to - from);
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < to && nameEscapable(b[i + 1])) {
                c = b[++i];
            } else if ((c >= 0 && c < 0x20) || c == 0x7f) {
                throw new LineError(LineRejection.INVALID_NAME,
                        label(what, tag) + " contains the control character 0x" + Integer.toHexString(c));
            }
            ascii &= c >= 0;
            s[n++] = c;
        }
        return text(s, n, ascii, what, tag);
    }

    /** Returns what an error is about: {@code what}, followed by the quoted tag key when there is one. */
    private static String label(String what, String tag) {
        return tag == null ? what : what + " '" + tag + "'";
    }

    /** Decodes a quoted string's content {@code [from, to)}: {@code \"} and {@code \\} stand for one character. */
    String quoted(byte[] b, int from, int to, String what) throws LineError {
        int n = 0;
        boolean ascii = true;
        byte[] s = room(to - from);
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < to && (b[i + 1] == '"' || b[i + 1] == '\\')) {
                c = b[++i];
            }
            ascii &= c >= 0;
            s[n++] = c;
        }
        return text(s, n, ascii, what, null);
    }

    private byte[] room(int len) {
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        return scratch;
    }

    private String text(byte[] s, int n, boolean ascii, String what, String tag) throws LineError {
        if (ascii) {
            return new String(s, 0, n, StandardCharsets.ISO_8859_1);
        }
        try {
            return utf8.reset().decode(ByteBuffer.wrap(s, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new LineError(LineRejection.INVALID_UTF8, label(what, tag) + " is not valid UTF-8");
        }
    }

    /** Returns a short printable form of some bytes for an error message. */
    static String show(byte[] b, int from, int to) {
        String s = new String(b, from, Math.min(to - from, 64), StandardCharsets.UTF_8);
        return to - from > 64 ? s + "…" : s;
    }
}
