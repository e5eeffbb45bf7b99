/**
 * Helpers for plug-ins that drive the Linux kernel with iproute2: batches of {@code ip}/{@code tc}
 * commands inside a network namespace, the links found there, and nftables ({@code nft}) tables.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.virtualwire.spi.linux;
