package org.virtualwire.tunnel.vxlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtualwire.api.Ipv4Prefix;
import org.virtualwire.spi.WireEnd;
import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;

/**
 * The anchors of wires to outside VTEPs on one host: the fixed underlay address an outside VTEP sends a wire's
 * frames to, held by the host where the wire's guest runs, as a {@code /32} beside the host's own address on the
 * interface whose prefix holds it, labelled {@code <device>:vw} (how this class knows its own). A host that takes
 * an anchor announces it: it forgets the VTEP's MAC and pings the VTEP from the anchor, so the kernel asks for
 * the VTEP's MAC with an ARP request whose sender is the anchor; the VTEP's kernel takes the anchor's new MAC
 * from it (Linux updates a neighbour from any ARP request addressed to it), and frames follow the guest at once
 * instead of after the VTEP's neighbour entry times out. A host that no longer runs the guest drops the address.
 */
final class AnchorAddresses {
    static final String LABEL = ":vw";

    private final Kernel kernel;

    AnchorAddresses(Kernel kernel) {
        this.kernel = kernel;
    }

    /** One IPv4 address of the namespace as {@code ip -o -4 addr} shows it. */
    record Address(String device, Ipv4Prefix prefix, String label) {
        boolean ours() {
            return prefix.length() == 32 && label.endsWith(LABEL);
        }
    }

    void reconcile(String netns, List<WireEnd> ends) throws KernelException {
        Map<String, String> wanted = new LinkedHashMap<>(); // anchor -> VTEP to announce it to
        ends.stream().filter(e -> e.anchor() != null).forEach(e -> wanted.put(e.anchor(), e.remoteAddresses().get(0)));
        List<Address> present = addresses(netns);
        List<String> lines = new ArrayList<>();
        for (Address a : present) {
            if (a.ours() && !wanted.containsKey(a.prefix().address())) {
                lines.add("addr del " + a.prefix().address() + "/32 dev " + a.device());
            }
        }
        Map<String, String> added = new LinkedHashMap<>(); // anchor -> device
        for (String anchor : wanted.keySet()) {
            if (present.stream().anyMatch(a -> a.ours() && a.prefix().address().equals(anchor))) {
                continue;
            }
            int value = Ipv4Prefix.toInt(anchor);
            Address on = present.stream().filter(a -> !a.ours() && a.prefix().length() < 32
                    && a.prefix().contains(value)).findFirst().orElseThrow(() -> new KernelException("anchor " + anchor
                            + " of a wire to an outside VTEP: no interface of " + netns + " has a prefix that holds it"));
            lines.add("addr add " + anchor + "/32 dev " + on.device() + " label " + label(on.device()));
            added.put(anchor, on.device());
        }
        kernel.batch("ip", netns, lines);
        for (Map.Entry<String, String> a : added.entrySet()) {
            announce(netns, a.getKey(), a.getValue(), wanted.get(a.getKey()));
        }
    }

    /** An ARP request from the anchor to the VTEP: the VTEP learns the anchor's new MAC. */
    private void announce(String netns, String anchor, String device, String vtep) throws KernelException {
        // flush (not del): nothing to forget is no error
        kernel.batch("ip", netns, List.of("neigh flush to " + vtep + " dev " + device));
        List<String> ping = new ArrayList<>(netns == null ? List.of() : List.of("ip", "netns", "exec", netns));
        ping.addAll(List.of("ping", "-c", "1", "-W", "1", "-I", anchor, vtep));
        kernel.run(ping, null, 1);
    }

    private static String label(String device) {
        String label = device + LABEL;
        if (label.length() > 15) {
            throw new IllegalStateException("interface name " + device + " too long for an address label");
        }
        return label;
    }

    private List<Address> addresses(String netns) throws KernelException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        if (netns != null) {
            cmd.addAll(List.of("-n", netns));
        }
        cmd.addAll(List.of("-o", "-4", "addr", "show"));
        return parse(kernel.run(cmd, null));
    }

    /** Lines like {@code 2: ul0    inet 198.18.0.9/32 scope global ul0:vw\       valid_lft forever ...}: the label is the word the backslash ends. */
    static List<Address> parse(String output) {
        List<Address> list = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !"inet".equals(f[2])) {
                continue;
            }
            String device = f[1].split("@")[0];
            String label = device;
            for (int i = 3; i < f.length; i++) {
                if (f[i].endsWith("\\")) {
                    label = f[i].substring(0, f[i].length() - 1);
                    break;
                }
            }
            list.add(new Address(device, Ipv4Prefix.parse(f[3]), label));
        }
        return list;
    }
}
