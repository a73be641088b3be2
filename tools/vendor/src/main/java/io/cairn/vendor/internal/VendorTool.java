package io.cairn.vendor.internal;

import io.cairn.enterprise.license.internal.BundleSignature;
import io.cairn.enterprise.license.internal.LicenseCodec;
import io.cairn.enterprise.license.internal.LicenseException;
import io.cairn.enterprise.license.internal.LicenseStatus;
import io.cairn.enterprise.license.internal.LicenseVerifier;
import io.cairn.enterprise.license.internal.SignedLicense;
import io.cairn.enterprise.license.internal.VendorCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The vendor tool: {@code keygen}, {@code sign-license}, {@code sign-bundle} and {@code verify}.
 * Runs on the vendor's machine only; the runtime carries just the public certificate.
 */
public final class VendorTool {
    static final String USAGE = String.join("\n",
            "usage: java -jar cairn-vendor.jar <command> --option value ...",
            "  keygen       --keystore F.p12 --alias A --cert OUT.pem [--dname \"CN=...\"]",
            "  sign-license --keystore F.p12 --alias A --terms TERMS.json --out LICENSE.json [--days N]",
            "  sign-bundle  --keystore F.p12 --alias A --in BUNDLE.jar --out SIGNED.jar",
            "  verify       --cert CERT.pem (--license LICENSE.json | --bundle BUNDLE.jar)",
            "The key store password comes from --storepass or the environment variable CAIRN_VENDOR_STOREPASS.");

    private final PrintStream out;
    private final Map<String, String> environment;
    private final Clock clock;

    VendorTool(PrintStream out, Map<String, String> environment, Clock clock) {
        this.out = out;
        this.environment = environment;
        this.clock = clock;
    }

    /** Runs a command and exits with 0 on success, 1 on a failure, 2 on a usage error. */
    public static void main(String[] args) {
        System.exit(new VendorTool(System.out, System.getenv(), Clock.systemUTC()).run(args, System.err));
    }

    int run(String[] args, PrintStream err) {
        if (args.length == 0 || args[0].equals("help")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Arguments a = new Arguments(args, 1, environment);
            return switch (args[0]) {
                case "keygen" -> keygen(a);
                case "sign-license" -> signLicense(a);
                case "sign-bundle" -> signBundle(a);
                case "verify" -> verify(a);
                default -> throw new VendorToolException("unknown command " + args[0] + "\n" + USAGE);
            };
        } catch (VendorToolException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int keygen(Arguments a) throws VendorToolException {
        Path keystore = a.path("keystore");
        VendorKeys.generate(keystore, a.required("alias"), a.storePassword(),
                a.optional("dname", "CN=Cairn vendor"), a.path("cert"));
        out.println("key pair in " + keystore + ", certificate in " + a.required("cert"));
        return 0;
    }

    private int signLicense(Arguments a) throws VendorToolException {
        VendorKeys keys = VendorKeys.load(a.path("keystore"), a.required("alias"), a.storePassword());
        String days = a.optional("days", null);
        byte[] document;
        try {
            document = LicenseSigning.sign(Files.readAllBytes(a.path("terms")),
                    days == null ? null : Integer.valueOf(days), keys, clock.instant());
            Files.write(a.path("out"), document);
        } catch (IOException | NumberFormatException e) {
            throw new VendorToolException("cannot sign the license: " + e.getMessage(), e);
        }
        out.println("signed license written to " + a.required("out"));
        return 0;
    }

    private int signBundle(Arguments a) throws VendorToolException {
        VendorKeys keys = VendorKeys.load(a.path("keystore"), a.required("alias"), a.storePassword());
        String feature = BundleSigning.sign(a.path("in"), a.path("out"), keys);
        out.println("signed enterprise bundle (feature " + feature + ") written to " + a.required("out"));
        return 0;
    }

    private int verify(Arguments a) throws VendorToolException {
        VendorCertificate vendor;
        try (InputStream in = Files.newInputStream(a.path("cert"))) {
            vendor = VendorCertificate.read(in, false);
        } catch (IOException e) {
            throw new VendorToolException("cannot read the certificate: " + e.getMessage(), e);
        }
        String bundle = a.optional("bundle", null);
        if (bundle != null) {
            String problem = new BundleSignature(vendor).problem(Path.of(bundle).toFile());
            if (problem != null) {
                throw new VendorToolException(problem);
            }
            out.println("bundle signature verifies");
            return 0;
        }
        try {
            SignedLicense signed = LicenseCodec.parse(Files.readAllBytes(a.path("license")));
            LicenseStatus status = new LicenseVerifier(vendor, clock, 1, signed.license().machineFingerprint()).verify(signed);
            out.println("license " + status.license().id() + " verifies; phase " + status.phase().label()
                    + ", " + status.daysRemaining() + " days remaining");
            return 0;
        } catch (LicenseException e) {
            throw new VendorToolException(e.code() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new VendorToolException("cannot read the license: " + e.getMessage(), e);
        }
    }
}
