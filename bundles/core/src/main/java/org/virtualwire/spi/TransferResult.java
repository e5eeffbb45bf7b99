package org.virtualwire.spi;

/**
 * What moving a guest's execution took.
 *
 * @param pauseMillis how long the guest could not run, as measured by the driver (the hypervisor's pause,
 *        or the time its NICs were in transit)
 * @param detail what was done, for the migration record
 */
public record TransferResult(double pauseMillis, String detail) {
}
