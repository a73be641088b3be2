package io.cairn.enterprise.audit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the complete lines of a file (each ended by a newline; an unfinished last line is left out). */
final class JsonLines {
    /** Receives one line and its number (from 1); returns false to stop reading. */
    @FunctionalInterface
    interface LineVisitor {
        boolean visit(String line, long number) throws IOException;
    }

    private JsonLines() {
    }

    /** Visits every complete line of a file in order; returns the byte length of the complete lines. */
    static long read(Path file, LineVisitor visitor) throws IOException {
        long complete = 0;
        long number = 0;
        long offset = 0;
        byte[] chunk = new byte[64 * 1024];
        ByteArrayOutputStream partial = new ByteArrayOutputStream(1024);
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    String line;
                    if (partial.size() > 0) {
                        partial.write(chunk, start, i - start);
                        line = partial.toString(StandardCharsets.UTF_8);
                        partial.reset();
                    } else {
                        line = new String(chunk, start, i - start, StandardCharsets.UTF_8);
                    }
                    complete = offset + i + 1;
                    start = i + 1;
                    if (!visitor.visit(line, ++number)) {
                        return complete;
                    }
                }
                partial.write(chunk, start, n - start);
                offset += n;
            }
        }
        return complete;
    }
}
