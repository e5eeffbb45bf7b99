package org.virtualwire.jolokia;

import java.lang.reflect.Method;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP request that the calling thread serves: its origin, as a browser on the same site would send it in an
 * Origin header ({@code scheme://} plus the request's Host header), and its query. Jolokia gives its restrictor the
 * Origin but not the Host nor the query; Jetty (Pax Web's, 9.4 in Karaf 4.4) keeps the connection being served in a thread local
 * ({@code HttpConnection.getCurrentConnection()}), and Jolokia asks its restrictor on that thread. Reached by
 * reflection (the package is an optional import), so that this bundle builds without Jetty: if Jetty's classes
 * are not there, or do not answer, the origin is unknown and every request with an Origin is refused.
 */
final class JettyRequest implements CurrentRequest {
    static final JettyRequest INSTANCE = new JettyRequest();
    private static final Logger LOG = LoggerFactory.getLogger(JettyRequest.class);
    private static final Method CURRENT;
    private static final Method CHANNEL;
    private static final Method REQUEST;
    private static final Method SCHEME;
    private static final Method HEADER;
    private static final Method QUERY;

    static {
        Method[] m = new Method[6];
        try {
            ClassLoader loader = JettyRequest.class.getClassLoader();
            Class<?> connection = Class.forName("org.eclipse.jetty.server.HttpConnection", true, loader);
            Class<?> channel = Class.forName("org.eclipse.jetty.server.HttpChannel", true, loader);
            Class<?> request = Class.forName("org.eclipse.jetty.server.Request", true, loader);
            m = new Method[] {connection.getMethod("getCurrentConnection"), connection.getMethod("getHttpChannel"),
                    channel.getMethod("getRequest"), request.getMethod("getScheme"),
                    request.getMethod("getHeader", String.class), request.getMethod("getQueryString")};
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warn("Jetty's current request cannot be found ({}): Jolokia refuses every request with an Origin,"
                    + " the topology page's operations included", e.toString());
        }
        CURRENT = m[0];
        CHANNEL = m[1];
        REQUEST = m[2];
        SCHEME = m[3];
        HEADER = m[4];
        QUERY = m[5];
    }

    private JettyRequest() {
    }

    /** @return e.g. {@code http://localhost:8181}, or null if no request is being served here or it has no Host */
    @Override
    public String origin() {
        try {
            Object request = request();
            Object host = request == null ? null : HEADER.invoke(request, "Host");
            Object scheme = host == null ? null : SCHEME.invoke(request);
            return host == null || scheme == null ? null : scheme + "://" + host.toString().trim();
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Jetty's current request: {}", e.toString());
            return null;
        }
    }

    @Override
    public String query() {
        try {
            Object request = request();
            Object query = request == null ? null : QUERY.invoke(request);
            return query == null ? null : query.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Jetty's current request: {}", e.toString());
            return null;
        }
    }

    private static Object request() throws ReflectiveOperationException {
        Object connection = CURRENT == null ? null : CURRENT.invoke(null);
        return connection == null ? null : REQUEST.invoke(CHANNEL.invoke(connection));
    }
}
