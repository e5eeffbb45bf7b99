package org.virtualwire.metrics;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * HTTP Basic credentials checked against a JAAS realm, as Jolokia's {@code authMode=jaas} does with Karaf's realm
 * {@code karaf} (etc/users.properties): the user must log in and hold a role. Karaf's login modules put the user's
 * roles (those of its groups included) into the subject as principals of class {@code RolePrincipal}.
 */
final class JaasLogin {
    /** What a request gets. */
    enum Outcome {
        /** Logged in and holds the role. */
        ALLOWED,
        /** No credentials, or wrong ones: 401. */
        UNAUTHENTICATED,
        /** Logged in without the role: 403. */
        FORBIDDEN
    }

    private final String realm;
    private final String role;

    /**
     * @param realm the JAAS realm (Karaf's: {@code karaf})
     * @param role the role a user needs
     */
    JaasLogin(String realm, String role) {
        this.realm = realm;
        this.role = role;
    }

    String realm() {
        return realm;
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @return whether the request may go on
     */
    Outcome check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Outcome.UNAUTHENTICATED;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Outcome.UNAUTHENTICATED;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Outcome.UNAUTHENTICATED;
        }
        Subject subject = login(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
        if (subject == null) {
            return Outcome.UNAUTHENTICATED;
        }
        return hasRole(subject, role) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
    }

    /** @return the logged-in subject, or null when the realm refuses the user */
    Subject login(String user, char[] password) {
        // LoginContext loads the realm's login module (Karaf's ProxyLoginModule) through the context class loader:
        // this bundle's, which imports Karaf's JAAS boot package
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(JaasLogin.class.getClassLoader());
        try {
            Subject subject = new Subject();
            LoginContext context = new LoginContext(realm, subject, callbacks -> answer(callbacks, user, password));
            context.login();
            return subject;
        } catch (LoginException e) {
            return null;
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    static boolean hasRole(Subject subject, String role) {
        for (Principal p : subject.getPrincipals()) {
            if (p.getClass().getSimpleName().equals("RolePrincipal") && p.getName().equals(role)) {
                return true;
            }
        }
        return false;
    }

    private static void answer(Callback[] callbacks, String user, char[] password) throws UnsupportedCallbackException {
        for (Callback c : callbacks) {
            if (c instanceof NameCallback n) {
                n.setName(user);
            } else if (c instanceof PasswordCallback p) {
                p.setPassword(password);
            } else {
                throw new UnsupportedCallbackException(c);
            }
        }
    }
}
