package io.cairn.security.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows clients that keep presenting bad credentials: a token bucket per client address holding
 * {@code failures} tokens that refill evenly over {@code window}; each failure takes one, and an
 * address with an empty bucket is refused (429) until a token has refilled.
 */
final class FailureLimiter {
    /** Beyond this many tracked addresses, addresses whose bucket is full again are forgotten. */
    static final int MAX_TRACKED = 10_000;

    private final double capacity;
    private final double refillPerNano;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep = Long.MIN_VALUE / 2;

    FailureLimiter(int failures, long windowSeconds, LongSupplier nanoClock) {
        this.capacity = Math.max(1, failures);
        this.refillPerNano = capacity / (Math.max(1, windowSeconds) * 1e9);
        this.nanoClock = nanoClock;
    }

    /** Returns the seconds an address must wait before its credentials are checked again; 0 when it need not. */
    long retryAfterSeconds(String address) {
        Bucket bucket = buckets.get(address);
        if (bucket == null) {
            return 0;
        }
        synchronized (bucket) {
            refill(bucket);
            if (bucket.tokens >= 1) {
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) / refillPerNano / 1e9);
        }
    }

    /** Records a bad credential from an address. */
    void failed(String address) {
        Bucket bucket = buckets.get(address);
        if (bucket == null) {
            if (buckets.size() >= MAX_TRACKED) {
                forgetRecovered();
                if (buckets.size() >= MAX_TRACKED) {
                    return; // memory stays bounded: an address seen first while the table is full goes untracked
                }
            }
            bucket = buckets.computeIfAbsent(address, a -> new Bucket(capacity, nanoClock.getAsLong()));
        }
        synchronized (bucket) {
            refill(bucket);
            bucket.tokens = Math.max(0, bucket.tokens - 1);
        }
    }

    /** Returns how many addresses are tracked (tests). */
    int tracked() {
        return buckets.size();
    }

    /** Drops the addresses whose bucket is full again, at most once a second. */
    private void forgetRecovered() {
        long now = nanoClock.getAsLong();
        if (now - lastSweep < 1_000_000_000L) {
            return;
        }
        lastSweep = now;
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                refill(e.getValue());
                return e.getValue().tokens >= capacity;
            }
        });
    }

    private void refill(Bucket bucket) {
        long now = nanoClock.getAsLong();
        bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updated) * refillPerNano);
        bucket.updated = now;
    }

    /** The tokens left to one address. */
    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
