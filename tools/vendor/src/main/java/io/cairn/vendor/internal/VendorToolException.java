package io.cairn.vendor.internal;

/** A vendor tool command that cannot be carried out, with a message for the person running it. */
final class VendorToolException extends Exception {
    private static final long serialVersionUID = 1L;

    VendorToolException(String message) {
        super(message);
    }

    VendorToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
