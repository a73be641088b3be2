package io.cairn.ingest.internal;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Opens a write request's body for reading, shared by every write endpoint: undoes
 * {@code Content-Encoding: gzip} or {@code zstd} and fails with {@link LimitedInputStream.TooLargeException}
 * past the size limit, counted after decompression.
 */
final class RequestBodies {
    /** The body encodings the write endpoints read. */
    enum Encoding {
        IDENTITY, GZIP, ZSTD;

        boolean compressed() {
            return this != IDENTITY;
        }
    }

    /** Thrown for a Content-Encoding other than gzip, zstd or identity. */
    static final class UnsupportedEncodingException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String encoding;

        UnsupportedEncodingException(String encoding) {
            super("Content-Encoding must be gzip, zstd or identity");
            this.encoding = encoding;
        }

        String encoding() {
            return encoding;
        }
    }

    private RequestBodies() {
    }

    /** Returns the encoding a Content-Encoding header (may be null) names. */
    static Encoding encoding(String contentEncoding) throws UnsupportedEncodingException {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "", "identity" -> Encoding.IDENTITY;
            case "gzip", "x-gzip" -> Encoding.GZIP;
            case "zstd" -> Encoding.ZSTD;
            default -> throw new UnsupportedEncodingException(encoding);
        };
    }

    /** Returns the decoded, size-limited body. */
    static InputStream open(InputStream body, Encoding encoding, long maxBytes) throws IOException {
        InputStream decoded = switch (encoding) {
            case IDENTITY -> body;
            case GZIP -> new GZIPInputStream(body, 1 << 16);
            case ZSTD -> new ZstdInputStream(body);
        };
        return new LimitedInputStream(decoded, maxBytes);
    }
}
