package org.virtualwire.api;

/**
 * A static route of a guest: a prefix reached through a next hop on one of the guest's NICs' subnets. Written
 * {@code 10.99.2.0/24 via 10.99.1.1}.
 *
 * @param prefix the destination, its host bits zero, not {@code /0} (the default route is a NIC's gateway)
 * @param via the next hop's address
 */
public record Route(Ipv4Prefix prefix, String via) {
    /** Checks the prefix and the next hop. */
    public Route {
        if (prefix == null) {
            throw new VirtualWireException("routes", "a route needs a prefix");
        }
        if (prefix.length() == 0) {
            throw new VirtualWireException("routes", "route " + prefix + ": give the default route as a NIC's gateway");
        }
        if (prefix.value() != prefix.network()) {
            throw new VirtualWireException("routes", "route " + prefix + ": the prefix has host bits set; write "
                    + Ipv4Prefix.fromInt(prefix.network()) + "/" + prefix.length());
        }
        via = Ipv4Prefix.fromInt(Ipv4Prefix.toInt(via == null ? null : via.trim()));
    }

    /**
     * @param text {@code PREFIX via ADDRESS}, e.g. {@code 10.99.2.0/24 via 10.99.1.1}
     * @return the route
     * @throws VirtualWireException naming the field {@code routes}
     */
    public static Route parse(String text) {
        String[] f = text == null ? new String[0] : text.trim().split("\\s+");
        if (f.length != 3 || !"via".equals(f[1])) {
            throw new VirtualWireException("routes", "invalid route '" + text
                    + "': write PREFIX via ADDRESS, e.g. 10.99.2.0/24 via 10.99.1.1");
        }
        try {
            return new Route(Ipv4Prefix.parse(f[0]), f[2]);
        } catch (VirtualWireException e) {
            throw e.field().equals("routes") ? e
                    : new VirtualWireException("routes", "invalid route '" + text + "': " + e.getMessage());
        }
    }

    /** @return {@code PREFIX via ADDRESS} */
    @Override
    public String toString() {
        return prefix + " via " + via;
    }
}
