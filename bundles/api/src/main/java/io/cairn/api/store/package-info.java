/** The store SPI: what a storage engine implements to hold and scan Cairn's data. */
@Export
@Version("1.4.0")
package io.cairn.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
