package io.cairn.vendor.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The vendor key pair in a PKCS12 key store: made with the JDK's keytool, loaded for signing. */
final class VendorKeys {
    final PrivateKey key;
    final X509Certificate certificate;

    private VendorKeys(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** Loads the key and certificate under {@code alias}. */
    static VendorKeys load(Path keystore, String alias, char[] password) throws VendorToolException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
                throw new VendorToolException("no private key under alias " + alias + " in " + keystore);
            }
            return new VendorKeys(key, (X509Certificate) store.getCertificate(alias));
        } catch (IOException | GeneralSecurityException e) {
            throw new VendorToolException("cannot read key store " + keystore + ": " + e.getMessage(), e);
        }
    }

    /** Makes an Ed25519 key pair with a self-signed certificate, and writes the certificate as PEM. */
    static void generate(Path keystore, String alias, char[] password, String dname, Path certificatePem)
            throws VendorToolException {
        if (Files.exists(keystore)) {
            throw new VendorToolException(keystore + " exists; a vendor key is never overwritten");
        }
        String pass = new String(password);
        keytool("-genkeypair", "-keyalg", "Ed25519", "-alias", alias, "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", pass, "-keypass", pass, "-dname", dname, "-validity", "7300");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", pass, "-file", certificatePem.toString());
    }

    private static void keytool(String... args) throws VendorToolException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new VendorToolException("keytool " + args[0] + " failed: " + output.trim());
            }
        } catch (IOException e) {
            throw new VendorToolException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorToolException("interrupted while running keytool", e);
        }
    }
}
