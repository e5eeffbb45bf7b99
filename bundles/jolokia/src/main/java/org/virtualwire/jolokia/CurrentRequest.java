package org.virtualwire.jolokia;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** What the restrictor needs of the HTTP request that the calling thread serves, beyond what Jolokia gives it. */
interface CurrentRequest {
    /** No request known: no origin, no query. */
    CurrentRequest NONE = new CurrentRequest() {
        @Override
        public String origin() {
            return null;
        }

        @Override
        public String query() {
            return null;
        }
    };

    /** @return {@code scheme://} plus the request's Host header, e.g. {@code http://localhost:8181}; null if unknown */
    String origin();

    /** @return the request URL's query string, undecoded; null if none or unknown */
    String query();

    /**
     * @param query a query string, undecoded
     * @param name a parameter's name
     * @return whether the query has that parameter (its name decoded as a servlet container decodes it)
     */
    static boolean hasParameter(String query, String name) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("[&;]")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).trim().equalsIgnoreCase(name)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                return true; // undecodable: treated as the parameter, so refused rather than let through
            }
        }
        return false;
    }
}
