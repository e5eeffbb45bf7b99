package org.virtualwire.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.EndpointId;
import org.virtualwire.api.OutsideVtep;
import org.virtualwire.api.Wire;

/** {@code vw:wire-connect A B}: B is an endpoint or an outside VTEP, {@code vxlan:ADDRESS/VNI}. */
@Service
@Command(scope = "vw", name = "wire-connect", description = "Connect two endpoints with a new wire")
public class WireConnectCommand extends ChangeAction {
    @Argument(index = 0, name = "a", description = "One endpoint, guest/nic", required = true)
    @Completion(EndpointCompleter.class)
    String a;

    @Argument(index = 1, name = "b", description = "The other endpoint, guest/nic, or an outside VTEP, vxlan:ADDRESS/VNI", required = true)
    @Completion(EndpointCompleter.class)
    String b;

    @Override
    protected void run() {
        if (OutsideVtep.isOutside(b)) {
            Wire wire = admin.connect(EndpointId.parse(a), OutsideVtep.parse(b));
            done("Wire " + wire.id() + " connected: " + wire.a() + " <-> " + wire.outside() + " (the VTEP sends to "
                    + wire.outside().anchor() + ", VNI " + wire.outside().vni() + ")");
            return;
        }
        Wire wire = admin.connect(EndpointId.parse(a), EndpointId.parse(b));
        done("Wire " + wire.id() + " connected: " + wire.a() + " <-> " + wire.b());
    }
}
