package org.virtualwire.jmx;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.virtualwire.api.TopologyService;
import org.virtualwire.api.VirtualWireException;

/** {@link TopologyMXBean} over the topology service. */
@Component(service = DynamicMBean.class, property = "jmx.objectname=" + TopologyMXBean.OBJECT_NAME)
public class TopologyManagement extends ManagementBase implements TopologyMXBean {
    /** The document's name in error messages. */
    static final String SOURCE = "jmx";

    private final TopologyService topology;

    /**
     * @param topology the topology service
     * @throws NotCompliantMBeanException never: the interface follows the MXBean rules
     */
    @Activate
    public TopologyManagement(@Reference TopologyService topology) throws NotCompliantMBeanException {
        super(TopologyMXBean.class);
        this.topology = topology;
    }

    @Override
    public TopologyChanges apply(String yamlText) {
        return call(() -> {
            TopologyService.Result r = topology.apply(yamlText == null ? "" : yamlText, SOURCE);
            return new TopologyChanges(r.created(), r.removed());
        });
    }

    @Override
    public TopologyChanges applyFile(String path) {
        return call(() -> {
            if (path == null || path.isBlank()) {
                throw new VirtualWireException("path", "give the topology file's path");
            }
            Path file;
            try {
                file = Path.of(path.trim());
            } catch (InvalidPathException e) {
                throw new VirtualWireException("path", "invalid topology file name '" + path + "': " + e.getReason());
            }
            TopologyService.Result r = topology.applyFile(file);
            return new TopologyChanges(r.created(), r.removed());
        });
    }

    @Override
    public String export() {
        return call(topology::export);
    }
}
