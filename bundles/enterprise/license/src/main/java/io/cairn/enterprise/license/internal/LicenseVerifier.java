package io.cairn.enterprise.license.internal;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;

/**
 * Checks a signed license offline against the vendor certificate and this node: signature, machine
 * fingerprint, processor count and dates.
 */
public final class LicenseVerifier {
    private final VendorCertificate vendor;
    private final Clock clock;
    private final int cores;
    private final String machineFingerprint;

    /** Creates a verifier for a node with {@code cores} processors and the given fingerprint. */
    public LicenseVerifier(VendorCertificate vendor, Clock clock, int cores, String machineFingerprint) {
        this.vendor = vendor;
        this.clock = clock;
        this.cores = cores;
        this.machineFingerprint = machineFingerprint;
    }

    /** Parses and checks a license document, returning its status now. */
    public LicenseStatus verify(byte[] document) throws LicenseException {
        return verify(LicenseCodec.parse(document));
    }

    /** Checks a parsed license, returning its status now. */
    public LicenseStatus verify(SignedLicense signed) throws LicenseException {
        if (vendor.unusableBecause() != null) {
            throw new LicenseException("LICENSE_KEY_UNUSABLE", vendor.unusableBecause());
        }
        if (!signatureHolds(signed)) {
            throw new LicenseException("LICENSE_SIGNATURE_INVALID",
                    "the license signature does not verify against the vendor key; the license was altered or not issued by the vendor");
        }
        License license = signed.license();
        if (license.machineFingerprint() != null && !license.machineFingerprint().equals(machineFingerprint)) {
            throw new LicenseException("LICENSE_WRONG_MACHINE", "the license is for machine "
                    + license.machineFingerprint() + ", this machine is " + machineFingerprint);
        }
        if (cores > license.maxCores()) {
            throw new LicenseException("LICENSE_CORES_EXCEEDED", "this node has " + cores
                    + " processors but the license allows " + license.maxCores()
                    + "; limit the processors (e.g. -XX:ActiveProcessorCount) or get a larger license");
        }
        Instant now = clock.instant();
        if (now.isBefore(license.issued())) {
            throw new LicenseException("LICENSE_NOT_YET_VALID", "the license is issued for " + license.issued());
        }
        return LicenseStatus.of(license, now);
    }

    private boolean signatureHolds(SignedLicense signed) {
        try {
            Signature check = Signature.getInstance(LicenseCodec.ALGORITHM);
            check.initVerify(vendor.publicKey());
            check.update(signed.signedBytes());
            return check.verify(signed.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
