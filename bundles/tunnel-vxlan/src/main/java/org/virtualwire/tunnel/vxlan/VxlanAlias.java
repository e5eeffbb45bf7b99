package org.virtualwire.tunnel.vxlan;

import java.util.List;

import org.virtualwire.spi.WireEnd;
import org.virtualwire.spi.linux.Link;

/**
 * The alias that marks a finished wire end:
 * {@code vw:wire=<vni> dev=<device>@<ifindex> local=<ip> remote=<ip>[,<ip>] [peer=<device>@<ifindex>]}.
 * The devices' ifindexes are in it so that a NIC re-created (or moved in) under the same name is joined again;
 * the remotes are in it so that a change of destinations is made in place.
 */
final class VxlanAlias {
    private static final String MARK = "vw:wire=";
    /** Marks a wire end to an outside VTEP whose host holds the wire's anchor address. */
    static final String HELD = "anchor=held";

    private VxlanAlias() {
    }

    static String of(WireEnd e, int deviceIndex, int peerIndex) {
        return MARK + e.wire().vni() + " dev=" + e.device() + "@" + deviceIndex + " local=" + e.localAddress()
                + " remote=" + String.join(",", e.remoteAddresses())
                + (e.localPeer() == null ? "" : " peer=" + e.localPeer() + "@" + peerIndex)
                + (e.anchor() == null ? "" : " " + HELD);
    }

    /** Ours: a VXLAN device named vx&lt;n&gt;, finished (alias) or half made (no alias yet). */
    static boolean isOurs(Link l) {
        return "vxlan".equals(l.kind()) && l.name().matches("vx\\d+")
                && (l.alias().isEmpty() || l.alias().startsWith(MARK));
    }

    static String local(String alias) {
        return field(alias, "local");
    }

    static List<String> remotes(String alias) {
        String r = field(alias, "remote");
        return r.isEmpty() ? List.of() : List.of(r.split(","));
    }

    private static String field(String alias, String name) {
        String key = " " + name + "=";
        int i = alias.indexOf(key);
        if (i < 0) {
            return "";
        }
        int end = alias.indexOf(' ', i + 1);
        return alias.substring(i + key.length(), end < 0 ? alias.length() : end);
    }
}
