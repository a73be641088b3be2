/** Engine services that Cairn implements and its bundles call, such as the durable write path. */
@Export
@Version("1.0.0")
package io.cairn.api.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
