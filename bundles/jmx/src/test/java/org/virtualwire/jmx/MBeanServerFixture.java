package org.virtualwire.jmx;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;

/** A fresh MBean server per test, and calls through it as a JMX client (or Jolokia) makes them. */
final class MBeanServerFixture {
    final MBeanServer server = MBeanServerFactory.newMBeanServer();

    ObjectName register(Object mbean, String objectName) throws Exception {
        return server.registerMBean(mbean, new ObjectName(objectName)).getObjectName();
    }

    Object invoke(ObjectName name, String op, Object[] args, String... signature) throws Exception {
        return server.invoke(name, op, args, signature);
    }

    /** @return the message a client sees when the operation is refused */
    String refusal(ObjectName name, String op, Object[] args, String... signature) {
        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class, () -> server.invoke(name, op, args, signature));
        return assertInstanceOf(IllegalArgumentException.class, e.getCause()).getMessage();
    }
}
