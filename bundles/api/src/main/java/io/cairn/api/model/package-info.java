/** Cairn's data model: series tags, field types and columnar write batches. */
@Export
@Version("1.1.0")
package io.cairn.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
