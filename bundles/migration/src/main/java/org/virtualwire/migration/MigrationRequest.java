package org.virtualwire.migration;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.virtualwire.api.Endpoint;
import org.virtualwire.api.Guest;
import org.virtualwire.api.Host;
import org.virtualwire.spi.HostRuntime;

/**
 * What a migration moves and where, checked before it is sent to the route: the body of the route's exchange,
 * which no step changes.
 *
 * @param guest the guest
 * @param from the host it runs on
 * @param to the host it moves to
 * @param nics its wire ends
 * @param options the checked hypervisor settings (see {@link MigrationOptions})
 * @param runtime the host runtime that transfers it
 * @param via between clouds: the source's and the destination's gateways, which the transfer crosses; else empty
 */
record MigrationRequest(Guest guest, Host from, Host to, List<Endpoint> nics, Map<String, String> options,
        HostRuntime runtime, List<Host> via) {

    MigrationRequest {
        nics = List.copyOf(nics);
        options = Collections.unmodifiableMap(new TreeMap<>(options));
        via = List.copyOf(via);
    }
}
