package org.virtualwire.jolokia;

import javax.management.ObjectName;

/** Who may call what on an MBean: the rules of Karaf's JMX ACLs, for the user whose login runs this thread. */
@FunctionalInterface
interface Acl {
    /**
     * @param name a registered MBean
     * @param method an operation's name, or an attribute's getter ({@code getX}, {@code isX}) or setter ({@code setX})
     * @param signature the parameter types, as the MBean's info gives them
     * @return whether the current user may call it
     * @throws Exception if the rules cannot be read (callers refuse then)
     */
    boolean allows(ObjectName name, String method, String[] signature) throws Exception;
}
