package org.virtualwire.api.gateway;

import java.util.Map;

import org.virtualwire.api.CloudId;
import org.virtualwire.api.WireId;

/**
 * A running cross-cloud gateway, as the console and JMX see it. Registered as an OSGi service while the
 * gateway forwards. All methods are cheap and safe to call from any thread; counters are read without
 * stopping traffic, so two counters read one after the other may be a few packets apart.
 */
public interface GatewayService {

    /** @return the cloud this gateway serves */
    CloudId cloud();

    /** @return the revision of the desired state the current forwarding table was computed from */
    long tableRevision();

    /** @return counters of all traffic through the gateway, including drops that belong to no wire */
    TrafficCounters counters();

    /**
     * @return counters per wire, for every wire in the current table (and wires that left it while the gateway
     *     ran); drops whose wire is not known (unknown sender, tampered packets) are only in {@link #counters()}
     */
    Map<WireId, TrafficCounters> wireCounters();

    /**
     * @return how datagrams reach the gateway: {@code "sockets"}, or e.g. {@code "AF_XDP on priv, pub"} where an
     *     XDP filter hands them to AF_XDP sockets on those interfaces (the sockets still take what it leaves);
     *     where AF_XDP was asked for and refused, followed by why, e.g. {@code "sockets (AF_XDP refused:
     *     198.18.1.254:4789: ...)"}
     */
    default String receivePath() {
        return "sockets";
    }
}
