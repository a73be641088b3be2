/**
 * Access control between bundles: the permissions a request holds per database and measurement, the
 * row filters that limit what it reads, and the grants an RBAC provider adds to a token.
 */
@Export
@Version("1.0.0")
package io.cairn.api.access;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
