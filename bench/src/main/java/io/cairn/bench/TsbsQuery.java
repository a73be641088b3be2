package io.cairn.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One TSBS query with its random parameters: the hosts it names (empty: all), its metrics and its time window
 * [startMs, endMs) in epoch milliseconds (for lastpoint the whole data set).
 */
record TsbsQuery(TsbsQueryType type, List<String> hosts, List<String> metrics, long startMs, long endMs) {

    private static final long HOUR_MS = 3_600_000L;

    /**
     * Draws the parameters of a query of this type as TSBS does: distinct random hosts, the first metrics of the
     * cpu list, a window of the type's length starting at a random millisecond inside the data.
     */
    static TsbsQuery draw(TsbsQueryType type, Random random, int hostCount, long dataStartMs, long dataEndMs) {
        List<String> hosts = new ArrayList<>();
        if (type.hosts > 0) {
            int[] picked = random.ints(0, hostCount).distinct().limit(Math.min(type.hosts, hostCount)).toArray();
            for (int h : picked) {
                hosts.add("host_" + h);
            }
        }
        List<String> metrics = Arrays.asList(TsbsCpuGenerator.FIELDS).subList(0, type.metrics);
        if (type.shape == TsbsQueryType.Shape.LAST_POINT) {
            return new TsbsQuery(type, hosts, metrics, dataStartMs, dataEndMs);
        }
        long window = type.windowHours * HOUR_MS;
        long room = Math.max(1, dataEndMs - dataStartMs - window);
        long start = dataStartMs + (long) (random.nextDouble() * room);
        return new TsbsQuery(type, hosts, metrics, start, start + window);
    }

    String startIso() {
        return Instant.ofEpochMilli(startMs).toString();
    }

    String endIso() {
        return Instant.ofEpochMilli(endMs).toString();
    }
}
