package org.virtualwire.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * HTTP Basic login against a JAAS realm, as Jolokia logs its users in ({@code org.jolokia.authMode=jaas}, realm
 * {@code karaf}): the page and Jolokia share one login, and a browser that logged in to one answers the other's
 * challenge (same realm name) without asking again.
 */
final class BasicLogin {
    /** The realm of Karaf's users ({@code etc/users.properties}) and of Jolokia's challenge. */
    static final String REALM = "karaf";

    private final Realm realm;

    BasicLogin(Realm realm) {
        this.realm = realm;
    }

    /** For OSGi: Karaf's JAAS realm. */
    BasicLogin() {
        this(BasicLogin::jaas);
    }

    /**
     * @param authorization the request's Authorization header, or null
     * @return the logged-in subject, or null if the header is missing, malformed or the login is refused
     */
    Subject login(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            return realm.login(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
        } catch (LoginException e) {
            return null;
        }
    }

    /** @return the challenge that makes a browser ask for a login, the same as Jolokia's */
    static String challenge() {
        return "Basic realm=\"" + REALM + "\"";
    }

    private static Subject jaas(String user, char[] password) throws LoginException {
        LoginContext context = new LoginContext(REALM, (Callback[] callbacks) -> {
            for (Callback c : callbacks) {
                if (c instanceof NameCallback n) {
                    n.setName(user);
                } else if (c instanceof PasswordCallback p) {
                    p.setPassword(password);
                } else {
                    throw new UnsupportedCallbackException(c);
                }
            }
        });
        context.login();
        return context.getSubject();
    }

    /** Checks a user name and password. */
    @FunctionalInterface
    interface Realm {
        /**
         * @param user name
         * @param password password
         * @return the subject, with its principals (user, roles)
         * @throws LoginException if refused
         */
        Subject login(String user, char[] password) throws LoginException;
    }
}
