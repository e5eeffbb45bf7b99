package org.virtualwire.httpauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtualwire.httpauth.BasicLogin.Outcome;

/** Real JAAS: a realm of this test whose module knows two users, as Karaf's properties login module would. */
class JaasLoginTest {
    private static Configuration before;
    private final BasicLogin login = BasicLogin.jaas("vw-test");

    @BeforeAll
    static void realm() {
        before = Configuration.getConfiguration();
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return !name.equals("vw-test") ? null : new AppConfigurationEntry[] {new AppConfigurationEntry(
                        Users.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())};
            }
        });
    }

    @AfterAll
    static void restore() {
        Configuration.setConfiguration(before);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void viewerMayScrape() {
        assertEquals(Outcome.ALLOWED, login.check(basic("prometheus", "secret"), "viewer"));
    }

    @Test
    void userWithoutTheRoleIsForbidden() {
        assertEquals(Outcome.FORBIDDEN, login.check(basic("nobody", "secret"), "viewer"));
    }

    @Test
    void wrongPasswordMissingOrGarbledHeaderMustLogIn() {
        assertEquals(Outcome.UNAUTHENTICATED, login.check(basic("prometheus", "wrong"), "viewer"));
        assertEquals(Outcome.UNAUTHENTICATED, login.check(null, "viewer"));
        assertEquals(Outcome.UNAUTHENTICATED, login.check("Bearer abc", "viewer"));
        assertEquals(Outcome.UNAUTHENTICATED, login.check("Basic !!!", "viewer"));
        assertEquals(Outcome.UNAUTHENTICATED, login.check("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes()), "viewer"));
    }

    @Test
    void theChallengeNamesTheRealm() {
        assertEquals("Basic realm=\"vw-test\"", login.challenge());
        assertEquals("Basic realm=\"karaf\"", BasicLogin.jaas(BasicLogin.KARAF).challenge());
    }

    /** Karaf's role principal is recognised by its class name, as this bundle does not import Karaf's classes. */
    record RolePrincipal(String getName) implements Principal {
    }

    /** prometheus/secret holds viewer, nobody/secret holds nothing. */
    public static final class Users implements LoginModule {
        private Subject subject;
        private CallbackHandler handler;
        private String user;

        @Override
        public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> shared, Map<String, ?> options) {
            this.subject = subject;
            this.handler = handler;
        }

        @Override
        public boolean login() throws LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                handler.handle(new Callback[] {name, password});
            } catch (Exception e) {
                throw new LoginException(e.toString());
            }
            if (!"secret".equals(new String(password.getPassword()))) {
                throw new FailedLoginException("bad password");
            }
            user = name.getName();
            return true;
        }

        @Override
        public boolean commit() {
            if ("prometheus".equals(user)) {
                subject.getPrincipals().add(new RolePrincipal("viewer"));
            }
            return true;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            return true;
        }
    }
}
