package io.cairn.enterprise.license.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The license installed on this node, persisted under {@code <data>/license/}, and its current status. */
final class InstalledLicense {
    private static final Logger LOG = LoggerFactory.getLogger(InstalledLicense.class);

    private final LicenseVerifier verifier;
    private final LicenseFile file;
    private volatile LicenseStatus status = LicenseStatus.NONE;
    private volatile SignedLicense current;

    InstalledLicense(LicenseVerifier verifier, Path folder) {
        this.verifier = verifier;
        this.file = new LicenseFile(folder);
    }

    /** Reads the persisted license, if any; a license that no longer verifies is reported, not thrown. */
    synchronized LicenseStatus load() throws IOException {
        Optional<byte[]> stored = file.read();
        if (stored.isEmpty()) {
            status = LicenseStatus.NONE;
            return status;
        }
        SignedLicense signed = null;
        try {
            signed = LicenseCodec.parse(stored.get());
            status = verifier.verify(signed);
            current = signed;
        } catch (LicenseException e) {
            LOG.warn("The installed license is not usable: {}", e.getMessage());
            status = LicenseStatus.rejected(signed == null ? null : signed.license(), e);
            current = null;
        }
        return status;
    }

    /** Verifies and installs a license document; the previous license stays when this one is refused. */
    synchronized LicenseStatus install(byte[] document) throws LicenseException, IOException {
        SignedLicense signed = LicenseCodec.parse(document);
        LicenseStatus candidate = verifier.verify(signed);
        if (!candidate.valid()) {
            throw new LicenseException("LICENSE_EXPIRED", "license " + signed.license().id() + " expired on "
                    + signed.license().expires() + ", more than " + LicensePhase.OFF_AFTER.toDays()
                    + " days ago; it unlocks nothing");
        }
        file.write(document);
        current = signed;
        status = candidate;
        LOG.info("Installed license {} for {} (tier {}, features {}, phase {})", signed.license().id(),
                signed.license().customer(), signed.license().tier(), signed.license().features(), status.phase().label());
        return status;
    }

    /** Removes the installed license: the open edition. */
    synchronized void remove() throws IOException {
        file.delete();
        current = null;
        status = LicenseStatus.NONE;
        LOG.info("License removed; Cairn runs as the open edition");
    }

    /** Recomputes the phase as time passes; returns true when what the license unlocks changed. */
    synchronized boolean reevaluate() {
        SignedLicense signed = current;
        if (signed == null) {
            return false;
        }
        LicenseStatus before = status;
        try {
            status = verifier.verify(signed);
        } catch (LicenseException e) {
            status = LicenseStatus.rejected(signed.license(), e);
        }
        if (status.phase() != before.phase()) {
            LOG.warn("License {} is now in phase {}", signed.license().id(), status.phase().label());
        }
        return status.phase().featuresOn() != before.phase().featuresOn() || status.valid() != before.valid();
    }

    LicenseStatus status() {
        return status;
    }
}
