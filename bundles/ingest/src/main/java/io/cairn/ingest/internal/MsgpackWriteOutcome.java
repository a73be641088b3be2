package io.cairn.ingest.internal;

import java.util.List;

/**
 * What became of a MessagePack write: a whole-request failure (nothing written) or the rows
 * accepted and the items or rows rejected.
 *
 * @param failure the whole-request failure, {@link Failure#NONE} when the items were handled
 * @param message what went wrong with the whole request, or null
 * @param offset for {@link Failure#INVALID_MSGPACK}, the byte offset (after decompression) where reading stopped
 * @param accepted the number of rows written
 * @param rejections the rejected items and rows
 */
record MsgpackWriteOutcome(Failure failure, String message, long offset, int accepted,
        List<MsgpackRejection> rejections) {
    /** The ways a whole request can fail. */
    enum Failure {
        NONE, UNSUPPORTED_ENCODING, TOO_LARGE, UNREADABLE, INVALID_MSGPACK, UNAVAILABLE
    }

    /** Returns whether nothing was written because every rejected item was refused for lack of the write permission. */
    boolean forbidden() {
        return failure == Failure.NONE && WriteAccess.everyItemForbidden(accepted, rejections, MsgpackRejection::code);
    }

    static MsgpackWriteOutcome failed(Failure failure, String message) {
        return new MsgpackWriteOutcome(failure, message, -1, 0, List.of());
    }
}
