package org.virtualwire.httpauth;

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
 * {@code karaf} ({@code etc/users.properties}). A browser that logged in to Jolokia answers this challenge (same
 * realm name) without asking again. Karaf's login modules put the user's roles (those of its groups included) into
 * the subject as principals of class {@code RolePrincipal}, recognised here by their class name.
 */
public final class BasicLogin {
    /** The realm of Karaf's users and of Jolokia's challenge. */
    public static final String KARAF = "karaf";

    /** What a request that needs a role gets. */
    public enum Outcome {
        /** Logged in and holds the role. */
        ALLOWED,
        /** No credentials, or wrong ones: 401 with {@link BasicLogin#challenge()}. */
        UNAUTHENTICATED,
        /** Logged in without the role: 403. */
        FORBIDDEN
    }

    /** Checks a user name and password. */
    @FunctionalInterface
    public interface Realm {
        /**
         * @param user name
         * @param password password
         * @return the subject, with its principals (user, roles)
         * @throws LoginException if refused
         */
        Subject login(String user, char[] password) throws LoginException;
    }

    private final String name;
    private final Realm realm;

    /**
     * @param name the realm's name, sent in the challenge
     * @param realm what checks the credentials
     */
    public BasicLogin(String name, Realm realm) {
        if (name == null || name.isBlank() || name.contains("\"")) {
            throw new IllegalArgumentException("invalid realm name '" + name + "': write a name without quotes, e.g. karaf");
        }
        this.name = name;
        this.realm = realm;
    }

    /**
     * @param name a JAAS realm (Karaf's: {@link #KARAF})
     * @return a login against that realm through {@link LoginContext}
     */
    public static BasicLogin jaas(String name) {
        return new BasicLogin(name, (user, password) -> jaas(name, user, password));
    }

    /** @return the realm's name */
    public String realm() {
        return name;
    }

    /** @return the {@code WWW-Authenticate} value that makes a browser ask for a login */
    public String challenge() {
        return "Basic realm=\"" + name + "\"";
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @return the logged-in subject, or null if the header is missing, malformed or the login is refused
     */
    public Subject login(String authorization) {
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

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @param role the role the user needs
     * @return whether the request may go on
     */
    public Outcome check(String authorization, String role) {
        Subject subject = login(authorization);
        if (subject == null) {
            return Outcome.UNAUTHENTICATED;
        }
        return hasRole(subject, role) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
    }

    /**
     * @param subject a logged-in subject
     * @param role a role
     * @return whether the subject holds the role (a principal of class {@code RolePrincipal} with that name)
     */
    public static boolean hasRole(Subject subject, String role) {
        for (Principal p : subject.getPrincipals()) {
            if (p.getClass().getSimpleName().equals("RolePrincipal") && p.getName().equals(role)) {
                return true;
            }
        }
        return false;
    }

    private static Subject jaas(String name, String user, char[] password) throws LoginException {
        // LoginContext loads the realm's login module (Karaf's ProxyLoginModule) through the context class loader:
        // this bundle's, which imports Karaf's JAAS boot package
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(BasicLogin.class.getClassLoader());
        try {
            Subject subject = new Subject();
            LoginContext context = new LoginContext(name, subject, callbacks -> answer(callbacks, user, password));
            context.login();
            return subject;
        } finally {
            thread.setContextClassLoader(before);
        }
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
