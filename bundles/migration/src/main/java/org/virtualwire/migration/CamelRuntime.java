package org.virtualwire.migration;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/** Makes the one CamelContext of the migrations, with the migration route. */
final class CamelRuntime {
    private CamelRuntime() {
    }

    /**
     * @param loader the bundle's class loader, which sees the embedded Camel jars and their service files
     * @param steps the step beans
     * @return the started context with its routes
     * @throws Exception if Camel does not start
     */
    static CamelContext start(ClassLoader loader, Steps steps) throws Exception {
        Thread current = Thread.currentThread();
        ClassLoader before = current.getContextClassLoader();
        // Camel finds its components and languages through META-INF/services files, which only the bundle's
        // class loader sees inside OSGi (the thread's is whoever activated the component)
        current.setContextClassLoader(loader);
        try {
            DefaultCamelContext camel = new DefaultCamelContext();
            camel.setApplicationContextClassLoader(loader);
            camel.getCamelContextExtension().setName("virtualwire-migration");
            // no JMX beans for Camel's internals: the migrations have their own MBean
            camel.disableJMX();
            // start before adding routes: routes added to a started context start at once
            camel.start();
            camel.addRoutes(new MigrationRoute(steps));
            return camel;
        } finally {
            current.setContextClassLoader(before);
        }
    }
}
