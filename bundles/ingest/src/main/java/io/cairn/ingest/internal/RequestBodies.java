package io.cairn.ingest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Opens a write request's body for reading, shared by every write endpoint: undoes
 * {@code Content-Encoding: gzip} (zstd is not supported without a new dependency) and fails with
 * {@link LimitedInputStream.TooLargeException} past the size limit, counted after decompression.
 */
final class RequestBodies {
    /** Thrown for a Content-Encoding other than gzip or identity. */
    static final class UnsupportedEncodingException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String encoding;

        UnsupportedEncodingException(String encoding) {
            super("Content-Encoding must be gzip or identity");
            this.encoding = encoding;
        }

        String encoding() {
            return encoding;
        }
    }

    private RequestBodies() {
    }

    /** Returns whether a Content-Encoding header (may be null) means gzip. */
    static boolean isGzip(String contentEncoding) throws UnsupportedEncodingException {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
            return true;
        }
        if (!encoding.isEmpty() && !encoding.equals("identity")) {
            throw new UnsupportedEncodingException(encoding);
        }
        return false;
    }

    /** Returns the decoded, size-limited body. */
    static InputStream open(InputStream body, boolean gzip, long maxBytes) throws IOException {
        return new LimitedInputStream(gzip ? new GZIPInputStream(body, 1 << 16) : body, maxBytes);
    }
}
