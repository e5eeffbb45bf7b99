package org.virtualwire.jmx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.virtualwire.api.WireId;
import org.virtualwire.api.gateway.GatewayDrop;
import org.virtualwire.api.gateway.GatewayService;
import org.virtualwire.api.gateway.TrafficCounters;

/** {@link GatewaysMXBean} over the running {@link GatewayService}s. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=" + GatewaysMXBean.OBJECT_NAME)
public class GatewaysManagement extends ManagementBase implements GatewaysMXBean {
    private final Map<GatewayService, String> gateways = new ConcurrentHashMap<>();

    /** @throws NotCompliantMBeanException never: the interface follows the MXBean rules */
    public GatewaysManagement() throws NotCompliantMBeanException {
        super(GatewaysMXBean.class);
    }

    /**
     * @param gateway a gateway that started
     * @param properties its service properties ({@code host} for the appliance's own gateways)
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addGateway(GatewayService gateway, Map<String, Object> properties) {
        Object host = properties.get("host");
        gateways.put(gateway, host == null ? gateway.cloud().name() : host.toString());
    }

    /** @param gateway a gateway that stopped */
    public void removeGateway(GatewayService gateway) {
        gateways.remove(gateway);
    }

    @Override
    public List<GatewayInfo> getGateways() {
        Map<String, GatewayInfo> sorted = new TreeMap<>();
        gateways.forEach((g, name) -> sorted.put(name, info(name, g, "", g.counters())));
        return new ArrayList<>(sorted.values());
    }

    @Override
    public List<GatewayInfo> wireCounters(String gateway) {
        return call(() -> {
            for (Map.Entry<GatewayService, String> g : gateways.entrySet()) {
                if (g.getValue().equals(gateway)) {
                    List<GatewayInfo> list = new ArrayList<>();
                    for (Map.Entry<WireId, TrafficCounters> w : new TreeMap<>(g.getKey().wireCounters()).entrySet()) {
                        list.add(info(gateway, g.getKey(), w.getKey().toString(), w.getValue()));
                    }
                    return list;
                }
            }
            throw new IllegalArgumentException("no gateway '" + gateway + "' runs here");
        });
    }

    private static GatewayInfo info(String name, GatewayService g, String wire, TrafficCounters c) {
        Map<String, Long> drops = new TreeMap<>();
        for (GatewayDrop d : GatewayDrop.values()) {
            drops.put(d.label(), c.dropped(d));
        }
        return new GatewayInfo(name, g.cloud().name(), g.tableRevision(), g.receivePath(), wire, c.receivedPackets(),
                c.receivedBytes(), c.forwardedPackets(), c.forwardedBytes(), drops);
    }
}
