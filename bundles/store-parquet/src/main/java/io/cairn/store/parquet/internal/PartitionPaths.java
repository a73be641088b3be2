package io.cairn.store.parquet.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Where things live under the store's root: {@code <db>/<measurement>/<yyyy>/<mm>/<dd>/<hh>/}, with
 * measurement names percent-encoded where they hold characters a path must not.
 */
final class PartitionPaths {
    static final long HOUR_NANOS = 3_600_000_000_000L;
    static final String MANIFEST = "_manifest.json";
    static final String CATALOG = "_catalog.log";
    static final String SUFFIX = ".parquet";
    static final String TEMP_SUFFIX = ".tmp";

    private PartitionPaths() {
    }

    /** Returns the hour number (hours since the epoch) a time falls in. */
    static long hourOf(long timeNanos) {
        return Math.floorDiv(timeNanos, HOUR_NANOS);
    }

    static Path measurementDir(Path root, String database, String measurement) {
        return root.resolve(database).resolve(encode(measurement));
    }

    static Path partitionDir(Path measurementDir, long hour) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(hour * 3600), ZoneOffset.UTC);
        return measurementDir.resolve(String.format("%04d", t.getYear()))
                .resolve(String.format("%02d", t.getMonthValue()))
                .resolve(String.format("%02d", t.getDayOfMonth()))
                .resolve(String.format("%02d", t.getHour()));
    }

    /** Returns the hour of a partition folder given as year, month, day and hour names, or null. */
    static Long hourOf(String year, String month, String day, String hour) {
        try {
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(year), Integer.parseInt(month),
                    Integer.parseInt(day), Integer.parseInt(hour), 0);
            return t.toEpochSecond(ZoneOffset.UTC) / 3600;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Percent-encodes every byte that is not a letter, digit, '_', '-' or a '.' after the first character. */
    static String encode(String name) {
        StringBuilder sb = new StringBuilder();
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
                    || b == '_' || b == '-' || b == '.' && i > 0;
            if (plain) {
                sb.append((char) b);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
            }
        }
        return sb.toString();
    }

    static String decode(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
