/** Metrics a bundle offers to Cairn's Prometheus endpoint ({@code GET /metrics}). */
@Export
@Version("1.0.0")
package io.cairn.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
