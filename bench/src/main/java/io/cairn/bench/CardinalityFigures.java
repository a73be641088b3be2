package io.cairn.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What one target measured on the cardinality workload: throughput, footprint, query latencies and its answers. */
final class CardinalityFigures {
    static final String ONE_CUSTOMER = "one-customer p95 over 1 h";
    static final String TOP_CUSTOMERS = "top-10 customers by count over 1 h";
    static final String AUTOCOMPLETE = "autocomplete customer_id, 6-character prefix, limit 100";
    static final String SERIES_COUNT = "series count of the metric";
    static final String SERIES_COUNT_INDEX = "series count of the database (index)";
    static final List<String> QUERIES = List.of(ONE_CUSTOMER, TOP_CUSTOMERS, AUTOCOMPLETE, SERIES_COUNT,
            SERIES_COUNT_INDEX);

    final String target;
    final long rows;
    /** Whether its p95 interpolates between ranks (MetricsQL) rather than taking the nearest rank (Cairn). */
    final boolean interpolatedQuantiles;
    double ingestSeconds = Double.NaN;
    double visibleSeconds = Double.NaN;
    long heapPeakBytes = -1;
    long heapLiveBytes = -1;
    long residentPeakBytes = -1;
    long diskBytes = -1;
    String diskWhat = "";
    final Map<String, LatencyStats> latencies = new LinkedHashMap<>();
    final Map<String, String> failures = new LinkedHashMap<>();
    final Map<String, String> how = new LinkedHashMap<>();
    long seriesCount = -1;
    long seriesCountIndex = -1;
    final Map<String, Long> topCustomers = new LinkedHashMap<>();
    double firstCustomerP95 = Double.NaN;
    List<String> firstAutocomplete = new ArrayList<>();

    CardinalityFigures(String target, long rows, boolean interpolatedQuantiles) {
        this.target = target;
        this.rows = rows;
        this.interpolatedQuantiles = interpolatedQuantiles;
    }

    double rowsPerSecond() {
        return rows / ingestSeconds;
    }

    void printIngest(int clients, int batch) {
        System.out.printf(Locale.ROOT, "%s: ingest %,d rows in %.1f s = %,.0f rows/s (%d clients, batches of %,d lines; "
                + "load average %s)%n", target, rows, ingestSeconds, rowsPerSecond(), clients, batch,
                TsbsQueryBench.loadAverage());
    }

    void printFootprint() {
        System.out.printf(Locale.ROOT, "%s: disk %,d bytes (%s); RSS peak %,d MB; heap peak %s (before a GC), live after a full GC %s"
                + " (load average %s)%n", target, diskBytes, diskWhat, residentPeakBytes >> 20, megabytes(heapPeakBytes),
                megabytes(heapLiveBytes), TsbsQueryBench.loadAverage());
    }

    static String megabytes(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%,d MB", bytes >> 20);
    }
}
