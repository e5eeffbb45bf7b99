package org.virtualwire.store.zookeeper;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the ZooKeeper store, PID {@code org.virtualwire.store.zookeeper}; without them the store is idle. */
@ObjectClassDefinition(id = ZooKeeperWireStore.PID, name = "VirtualWire store on ZooKeeper")
@interface ZooKeeperStoreConfig {
    /** @return the ensemble, e.g. {@code 10.0.0.1:2181,10.0.0.2:2181,10.0.0.3:2181} */
    @AttributeDefinition(description = "ZooKeeper connect string: host:port,host:port,...")
    String connect_string();

    /** @return the session timeout in milliseconds */
    @AttributeDefinition(description = "Session timeout in milliseconds")
    int session_timeout_ms() default 6000;

    /** @return how long one operation waits for a connection, in milliseconds */
    @AttributeDefinition(description = "How long one operation waits for a connection, in milliseconds")
    int connection_timeout_ms() default 5000;

    /** @return the znode under which the state lives */
    @AttributeDefinition(description = "Root znode of the VirtualWire state")
    String root_path() default "/virtualwire";

    /** @return whether this appliance runs the controller role: joins the controllers' election */
    @AttributeDefinition(description = "Join the controllers' election (false for an agent-only process)")
    boolean controller() default true;

    /** @return this controller's participant id; empty for the host name and Karaf instance name */
    @AttributeDefinition(description = "Controller participant id; empty: <hostname>/<karaf.name>")
    String controller_id() default "";
}
