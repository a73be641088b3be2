package io.cairn.enterprise.license.internal;

/** A license that cannot be used, with the error code a client sees (e.g. {@code LICENSE_SIGNATURE_INVALID}). */
public final class LicenseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    /** Creates the failure with its code and a message that says what to do. */
    public LicenseException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The error code of Cairn's error shape. */
    public String code() {
        return code;
    }
}
