package io.cairn.api.engine;

import io.cairn.api.model.WriteBatch;
import java.util.Collection;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Cairn's durable write path: batches are appended to the write-ahead log, acknowledged after
 * its fsync, and flushed to the active store in the background. Protocol endpoints call it after
 * validating their input. Thread safe.
 */
@ProviderType
public interface WriteService {
    /**
     * Writes batches durably: when this returns, the rows are in the write-ahead log and will
     * reach the store, even across a crash or a store swap, and queries see them within a second
     * while a store is bound.
     *
     * @throws java.io.UncheckedIOException if the write-ahead log cannot be written
     */
    void write(Collection<WriteBatch> batches);
}
