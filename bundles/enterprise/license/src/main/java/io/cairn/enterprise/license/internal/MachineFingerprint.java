package io.cairn.enterprise.license.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * This machine's fingerprint for machine-bound licenses: the framework property
 * {@code cairn.machine.fingerprint} if set, else the first 16 bytes of SHA-256 over the host name, in hex.
 */
final class MachineFingerprint {
    static final String PROPERTY = "cairn.machine.fingerprint";

    private MachineFingerprint() {
    }

    static String of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(host.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
