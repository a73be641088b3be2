package io.cairn.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cairn from its exported jar: after ingest, waits until every row is queryable, then reports RSS and disk. */
final class CairnLineTarget implements LineTarget {
    private static final long WINDOW_MS = 80L * 24 * 3600 * 1000; // queries may span 90 days at most
    private static final Pattern COUNT = Pattern.compile("\"count\":(\\d+)");
    private final CairnProcess cairn;

    CairnLineTarget(CairnProcess cairn) {
        this.cairn = cairn;
    }

    @Override
    public String name() {
        return "cairn";
    }

    @Override
    public URI writeUri() {
        return cairn.uri("/write?db=bench&precision=ns");
    }

    @Override
    public URI msgpackUri() {
        return cairn.uri("/api/v1/write/msgpack?db=bench");
    }

    @Override
    public void afterIngest(HttpClient http, long rows, long startNs, long endNs) throws Exception {
        long t0 = System.nanoTime();
        long visible = 0;
        for (int i = 0; i < 1200 && visible != rows; i++) {
            if (i > 0) {
                Thread.sleep(100);
            }
            visible = countRows(http, startNs / 1_000_000, endNs / 1_000_000 + 1);
        }
        if (visible != rows) {
            throw new IllegalStateException(visible + " of " + rows + " rows visible after 2 minutes");
        }
        long lmdb = cairn.bytesOnDisk("lmdb");
        System.out.printf(Locale.ROOT, "cairn: all %,d rows visible %.1f s after the last acknowledgement%n",
                rows, (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "cairn: lmdb %,d bytes = %.2f bytes/row = %.2f bytes/field value; data folder %,d bytes%n",
                lmdb, lmdb / (double) rows, lmdb / (rows * 10.0), cairn.bytesOnDisk(""));
        System.out.printf(Locale.ROOT, "cairn: peak RSS %,d MB (heap -Xmx%s); log %s%n",
                cairn.residentBytes() >> 20, System.getProperty("heap", "2g"), cairn.dataDir.resolve("cairn.log"));
    }

    /** Counts the usage_user values of {@code cpu} (one per row) in windows the query API accepts. */
    private long countRows(HttpClient http, long startMs, long endMs) throws Exception {
        long total = 0;
        for (long from = startMs; from < endMs; from += WINDOW_MS) {
            String json = "{\"queryType\":\"aggregate\",\"metricName\":\"cpu\",\"field\":\"usage_user\","
                    + "\"aggregation\":\"count\",\"timeRange\":{\"start\":" + from + ",\"end\":"
                    + Math.min(endMs, from + WINDOW_MS) + "}}";
            Matcher m = COUNT.matcher(LineTarget.send(http, HttpRequest.newBuilder(cairn.uri("/api/v1/query?db=bench"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build()));
            while (m.find()) {
                total += Long.parseLong(m.group(1));
            }
        }
        return total;
    }

    @Override
    public void close() throws Exception {
        cairn.close();
        if (!Boolean.getBoolean("keep")) {
            ServerFiles.deleteTree(cairn.dataDir);
        }
    }
}
