package org.virtualwire.core.impl.probe;

import java.time.Duration;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.Endpoint;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.Guest;
import org.virtualwire.api.Host;
import org.virtualwire.api.ProbeResult;
import org.virtualwire.api.ProbeService;
import org.virtualwire.api.VirtualWireException;
import org.virtualwire.api.WireService;
import org.virtualwire.spi.HostRuntime;
import org.virtualwire.spi.PluginRegistry;

/** Runs probes through the host runtime of the sending guest's host. */
@Component(service = ProbeService.class)
public class ProbeManager implements ProbeService {
    private static final Duration MAX_DURATION = Duration.ofMinutes(10);

    @Reference
    WireService wires;

    @Reference
    PluginRegistry plugins;

    @Override
    public ProbeResult probe(EndpointId from, EndpointId to, Duration duration, Duration interval) {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new VirtualWireException("duration", "probe duration " + duration + " must be above 0 and at most 10 minutes");
        }
        if (interval.isNegative() || interval.isZero() || interval.compareTo(duration) > 0) {
            throw new VirtualWireException("interval", "probe interval " + interval + " must be above 0 and within the duration");
        }
        wires.endpoint(from).orElseThrow(() -> new VirtualWireException("endpoint", "unknown endpoint '" + from + "'"));
        Endpoint target = wires.endpoint(to).orElseThrow(() -> new VirtualWireException("endpoint", "unknown endpoint '" + to + "'"));
        if (target.address() == null) {
            throw new VirtualWireException("endpoint", "endpoint " + to + " has no IPv4 address to probe");
        }
        Guest guest = wires.guest(from.guest()).orElseThrow();
        Host host = wires.host(guest.host()).orElseThrow();
        Cloud cloud = wires.cloud(host.cloud()).orElseThrow();
        HostRuntime runtime = plugins.runtimeFor(cloud);
        try {
            return runtime.probe(host, guest, from, target.address().address(), duration, interval);
        } catch (VirtualWireException e) {
            throw e;
        } catch (Exception e) {
            throw new VirtualWireException("probe", "probe from " + from + " failed: " + e.getMessage());
        }
    }
}
