/**
 * Topology files: {@link org.virtualwire.core.impl.topology.TopologyManager} implements
 * {@link org.virtualwire.api.TopologyService}. A document is the whole desired state:
 * <pre>
 * clouds:                      # optional; the cloud "local" (driver local) always exists
 *   - name: lab
 *     driver: local            # required, except for "local"
 *     properties: {subnet: 198.19.0.0/16}   # optional driver settings (left out: not compared)
 * hosts:
 *   - name: h1
 *     cloud: local             # default local
 *     address: 198.18.0.1      # optional; left out: the driver chooses and it is not compared
 *     public: 198.19.0.1       # only for the cloud's gateway: its address between clouds (no guests on it)
 * guests:
 *   - name: web1
 *     kind: container          # container (default) | switch | router
 *     host: h1                 # required, a host listed above
 *     nics:
 *       - name: eth0
 *         mac: 02:00:00:00:00:01   # optional; left out: generated, not compared
 *         ip: 10.99.0.1/24         # optional; left out: no address
 *         mtu: 1450                # optional; left out: the default, not compared
 * wires:
 *   - [web1/eth0, sw1/p1]      # or {a: web1/eth0, b: sw1/p1}; matched by the pair of ends, in any order
 * </pre>
 * Applying creates what is missing and removes what is not listed (wires, endpoints, guests, hosts, clouds;
 * never the local cloud); an item whose attributes differ is removed and created again, with what hangs off
 * it. Everything is checked first ({@link org.virtualwire.core.impl.topology.TopologyParser},
 * {@link org.virtualwire.core.impl.topology.DocumentChecks}) and then applied in one batch, so a document
 * takes effect entirely or not at all. An empty file is refused; {@code {}} removes everything.
 */
package org.virtualwire.core.impl.topology;
