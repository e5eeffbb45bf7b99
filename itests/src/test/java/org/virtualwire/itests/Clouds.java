package org.virtualwire.itests;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.HostId;
import org.virtualwire.api.TopologyService;
import org.virtualwire.api.WireAdminService;
import org.virtualwire.api.WireService;

/**
 * The topology the cross-cloud tests build with a topology file: clouds east and west (and, for three, edge with
 * a narrow underlay), each a private underlay with a gateway on the network between clouds.
 * <pre>
 *   east (198.18.1.0/24)            west (198.18.2.0/24)         edge (198.18.3.0/24, MTU 1400)
 *   e1: sw  p1 --- web1 (e2)        w1: web2 ===== sw/p2          x1: sensor ===== sw/p3
 *   e2: web1 10.99.0.1              w1: web2 10.99.0.2            x1: sensor 10.99.0.3
 *   e3: (empty)                     w2: (empty)
 *   egw 198.19.0.1                  wgw 198.19.0.2                xgw 198.19.0.3
 * </pre>
 * "===" is a wire between clouds: host, its gateway, the other gateway, host. Hosts e3 and w2 start empty:
 * where guests migrate to.
 */
final class Clouds {
    static final CloudId EAST = CloudId.of("east");
    static final CloudId WEST = CloudId.of("west");
    static final CloudId EDGE = CloudId.of("edge");
    static final HostId E1 = HostId.of("e1");
    static final HostId E2 = HostId.of("e2");
    static final HostId E3 = HostId.of("e3");
    static final HostId W1 = HostId.of("w1");
    static final HostId W2 = HostId.of("w2");
    static final HostId EGW = HostId.of("egw");
    static final HostId WGW = HostId.of("wgw");
    static final HostId XGW = HostId.of("xgw");

    static final String E1_ADDRESS = "198.18.1.1";
    static final String W1_ADDRESS = "198.18.2.1";
    static final String EGW_PRIVATE = "198.18.1.254";
    static final String WGW_PRIVATE = "198.18.2.254";
    static final String EGW_PUBLIC = "198.19.0.1";
    static final String WGW_PUBLIC = "198.19.0.2";
    static final String EAST_SUBNET = "198.18.1.0/24";
    static final String WEST_SUBNET = "198.18.2.0/24";
    /** Where gateways take VXLAN from their cloud's hosts, and take tunnel packets from each other. */
    static final int VXLAN_PORT = 4789;
    static final int PUBLIC_PORT = 4889;

    static final EndpointId WEB1 = EndpointId.parse("web1/eth0");
    static final EndpointId WEB2 = EndpointId.parse("web2/eth0");
    static final EndpointId SENSOR = EndpointId.parse("sensor/eth0");
    static final EndpointId SW_WEB2 = EndpointId.parse("sw/p2");
    static final String WEB1_IP = "10.99.0.1";
    static final String WEB2_IP = "10.99.0.2";
    static final String SENSOR_IP = "10.99.0.3";

    private Clouds() {
    }

    /**
     * @param three whether to add cloud edge and its sensor
     * @return the topology file
     */
    static String yaml(boolean three) {
        StringBuilder y = new StringBuilder("clouds:\n")
                .append("  - {name: east, driver: local, properties: {subnet: 198.18.1.0/24}}\n")
                .append("  - {name: west, driver: local, properties: {subnet: 198.18.2.0/24}}\n");
        if (three) {
            y.append("  - {name: edge, driver: local, properties: {subnet: 198.18.3.0/24, mtu: \"1400\"}}\n");
        }
        y.append("hosts:\n")
                .append("  - {name: e1, cloud: east, address: 198.18.1.1}\n")
                .append("  - {name: e2, cloud: east, address: 198.18.1.2}\n")
                .append("  - {name: e3, cloud: east, address: 198.18.1.3}\n")
                .append("  - {name: egw, cloud: east, address: 198.18.1.254, public: 198.19.0.1}\n")
                .append("  - {name: w1, cloud: west, address: 198.18.2.1}\n")
                .append("  - {name: w2, cloud: west, address: 198.18.2.2}\n")
                .append("  - {name: wgw, cloud: west, address: 198.18.2.254, public: 198.19.0.2}\n");
        if (three) {
            y.append("  - {name: x1, cloud: edge, address: 198.18.3.1}\n")
                    .append("  - {name: xgw, cloud: edge, address: 198.18.3.254, public: 198.19.0.3}\n");
        }
        y.append("guests:\n")
                .append("  - {name: sw, kind: switch, host: e1, nics: [{name: p1}, {name: p2}, {name: p3}, {name: p4}]}\n")
                .append("  - {name: web1, host: e2, nics: [{name: eth0, ip: 10.99.0.1/24}]}\n")
                .append("  - {name: web2, host: w1, nics: [{name: eth0, ip: 10.99.0.2/24}]}\n");
        if (three) {
            y.append("  - {name: sensor, host: x1, nics: [{name: eth0, ip: 10.99.0.3/24}]}\n");
        }
        y.append("wires:\n").append("  - [web1/eth0, sw/p1]\n").append("  - [web2/eth0, sw/p2]\n");
        if (three) {
            y.append("  - [sensor/eth0, sw/p3]\n");
        }
        return y.toString();
    }

    /**
     * Applies the topology file.
     *
     * @param topology the topology service
     * @param three whether with cloud edge
     */
    static void build(TopologyService topology, boolean three) {
        topology.apply(yaml(three), three ? "three-clouds" : "two-clouds");
    }

    /**
     * Removes everything, clouds too, so that the driver removes every namespace (underlays, the network
     * between clouds) it made.
     *
     * @param query the query service
     * @param admin the admin service
     */
    static void clear(WireService query, WireAdminService admin) {
        Lab.clear(query, admin, true);
        for (CloudId c : new CloudId[] {EAST, WEST, EDGE}) {
            if (query.cloud(c).isPresent()) {
                admin.removeCloud(c);
            }
        }
    }
}
