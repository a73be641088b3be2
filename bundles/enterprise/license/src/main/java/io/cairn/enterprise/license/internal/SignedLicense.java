package io.cairn.enterprise.license.internal;

/** A license with the exact bytes its signature covers and the signature itself. */
public record SignedLicense(License license, byte[] signedBytes, byte[] signature) {
}
