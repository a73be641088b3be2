package io.cairn.store.parquet.internal;

import java.util.function.Supplier;

/**
 * Runs parquet-java code with this bundle's class loader as the thread's context loader: Hadoop's
 * Configuration loads codecs and its defaults through it.
 */
final class BundleLoader {
    private BundleLoader() {
    }

    static <T> T call(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BundleLoader.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
