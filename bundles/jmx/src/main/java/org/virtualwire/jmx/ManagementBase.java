package org.virtualwire.jmx;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.function.Supplier;

import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.virtualwire.api.VirtualWireException;

/**
 * Base of the VirtualWire MBeans. Each is a StandardMBean in MXBean mode, so that DTOs travel as open types
 * (CompositeData) that Jolokia turns into JSON, and so that it is a {@code DynamicMBean}, which Karaf's
 * JMX whiteboard (Aries, tracking {@code objectClass=*MBean}) registers as it is.
 */
abstract class ManagementBase extends StandardMBean {
    /**
     * @param mxbeanInterface the management interface
     * @param <T> its type
     * @throws NotCompliantMBeanException if the interface breaks the MXBean rules
     */
    <T> ManagementBase(Class<T> mxbeanInterface) throws NotCompliantMBeanException {
        super(mxbeanInterface, true);
    }

    /**
     * Runs a service call. A refusal becomes an IllegalArgumentException with the same message: a class every
     * JMX client can load (ours may not be on its class path), which Jolokia answers with status 400.
     */
    static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (VirtualWireException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** @return null for a missing or blank argument: HTTP clients send "" where Java callers send null */
    static String optional(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** Names operation parameters as the interface does (compiled with -parameters) instead of p0, p1. */
    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        String name = sourceName(op, sequence);
        return name != null ? name : super.getParameterName(op, param, sequence);
    }

    /** Jolokia's list shows the description beside the name: the name says it best. */
    @Override
    protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        String name = sourceName(op, sequence);
        return name != null ? name : super.getDescription(op, param, sequence);
    }

    private String sourceName(MBeanOperationInfo op, int sequence) {
        // operation names are not overloaded, so name and arity find the method
        for (Method m : getMBeanInterface().getMethods()) {
            if (m.getName().equals(op.getName()) && m.getParameterCount() == op.getSignature().length) {
                Parameter p = m.getParameters()[sequence];
                return p.isNamePresent() ? p.getName() : null;
            }
        }
        return null;
    }
}
