/**
 * The Linux kernel for plug-ins that drive it with iproute2 and nftables: {@link org.virtualwire.spi.linux.Kernel}
 * (an interface, injected; {@link org.virtualwire.spi.linux.LinuxKernel} is the real one) runs batches of
 * {@code ip}/{@code tc}/{@code bridge} commands inside a network namespace and {@code nft} scripts, and reads the
 * links and nft sets and counters found there; {@link org.virtualwire.spi.linux.Tc} writes tc batch lines.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.virtualwire.spi.linux;
