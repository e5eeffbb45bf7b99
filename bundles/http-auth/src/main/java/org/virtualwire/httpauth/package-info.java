/**
 * HTTP Basic login against a JAAS realm ({@link org.virtualwire.httpauth.BasicLogin}): the one login of the
 * appliance's own servlets (the metrics endpoint, the topology page), the same as Jolokia's ({@code authMode=jaas},
 * Karaf's realm {@code karaf}, roles as Karaf's {@code RolePrincipal}s).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.virtualwire.httpauth;
