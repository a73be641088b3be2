package io.cairn.api.store;

/** Thrown when no store is bound, or the bound one cannot serve the request now. */
public class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a reason. */
    public StoreUnavailableException(String message) {
        super(message);
    }

    /** Creates the exception with a reason and its cause. */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
