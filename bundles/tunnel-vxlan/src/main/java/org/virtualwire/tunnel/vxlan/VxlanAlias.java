package org.virtualwire.tunnel.vxlan;

import org.virtualwire.spi.WireEnd;
import org.virtualwire.spi.linux.Link;

/**
 * The alias that marks a finished wire end: {@code vw:wire=<vni> dev=<device>@<ifindex> local=<ip> remote=<ip>}.
 * The device's ifindex is in it so that a NIC re-created under the same name is joined again.
 */
final class VxlanAlias {
    private static final String MARK = "vw:wire=";

    private VxlanAlias() {
    }

    static String of(WireEnd e, int deviceIndex) {
        return MARK + e.wire().vni() + " dev=" + e.device() + "@" + deviceIndex + " local=" + e.localAddress()
                + " remote=" + e.remoteAddress();
    }

    /** Ours: a VXLAN device named vx&lt;n&gt;, finished (alias) or half made (no alias yet). */
    static boolean isOurs(Link l) {
        return "vxlan".equals(l.kind()) && l.name().matches("vx\\d+")
                && (l.alias().isEmpty() || l.alias().startsWith(MARK));
    }

    static String local(String alias) {
        int i = alias.indexOf(" local=");
        if (i < 0) {
            return "";
        }
        int end = alias.indexOf(' ', i + 1);
        return alias.substring(i + " local=".length(), end < 0 ? alias.length() : end);
    }
}
