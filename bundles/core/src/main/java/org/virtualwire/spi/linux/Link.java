package org.virtualwire.spi.linux;

/**
 * A network device as {@code ip -d -s -j link show} reports it.
 *
 * @param name device name
 * @param ifindex its index
 * @param kind link kind ({@code veth}, {@code vxlan}, {@code bridge}...), or empty
 * @param alias its alias (ifalias), or empty
 * @param mtu its MTU
 * @param up whether it is administratively up
 * @param master its master device, or empty
 * @param vni the VXLAN id, or 0
 * @param remote the VXLAN remote, or empty
 * @param stats its counters
 */
public record Link(String name, int ifindex, String kind, String alias, int mtu, boolean up, String master,
        int vni, String remote, Stats stats) {

    /**
     * Device counters.
     *
     * @param rxPackets received packets
     * @param rxBytes received bytes
     * @param rxDropped received and dropped
     * @param txPackets sent packets
     * @param txBytes sent bytes
     * @param txDropped dropped on send
     */
    public record Stats(long rxPackets, long rxBytes, long rxDropped, long txPackets, long txBytes, long txDropped) {
        /** No counters. */
        public static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0);
    }
}
