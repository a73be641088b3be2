package io.cairn.ingest.internal;

import java.util.List;

/**
 * What became of a line protocol write: either a whole-request failure (nothing written) or the
 * number of lines accepted and the lines rejected.
 *
 * @param failure the whole-request failure, {@link Failure#NONE} when the lines were handled
 * @param message what went wrong with the whole request, or null
 * @param accepted the number of lines written
 * @param rejections the rejected lines
 */
record LineWriteOutcome(Failure failure, String message, int accepted, List<LineRejection> rejections) {
    /** The ways a whole request can fail. */
    enum Failure {
        NONE, UNSUPPORTED_ENCODING, TOO_LARGE, UNREADABLE, UNAVAILABLE
    }

    static LineWriteOutcome failed(Failure failure, String message) {
        return new LineWriteOutcome(failure, message, 0, List.of());
    }

    /** Returns whether nothing was written because every rejected line was refused for lack of the write permission. */
    boolean forbidden() {
        return failure == Failure.NONE && WriteAccess.everyItemForbidden(accepted, rejections, LineRejection::code);
    }

    /** Returns a one-line summary of the rejected lines, e.g. {@code line 2: missing fields; line 5: ...}. */
    String rejectionSummary() {
        StringBuilder sb = new StringBuilder();
        for (LineRejection r : rejections) {
            sb.append(sb.length() == 0 ? "" : "; ").append("line ").append(r.line()).append(": ").append(r.message());
        }
        return sb.toString();
    }
}
