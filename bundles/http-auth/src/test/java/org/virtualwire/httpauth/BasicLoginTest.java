package org.virtualwire.httpauth;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.security.auth.Subject;
import javax.security.auth.login.FailedLoginException;

import org.junit.jupiter.api.Test;

/** The header's parsing, against a realm of one user, karaf/secret:with:colons. */
class BasicLoginTest {
    private final BasicLogin login = new BasicLogin("karaf", (user, password) -> {
        if (user.equals("karaf") && new String(password).equals("secret:with:colons")) {
            return new Subject();
        }
        throw new FailedLoginException("no");
    });

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theRightPasswordLogsIn() {
        assertNotNull(login.login(basic("karaf:secret:with:colons")));
        assertNotNull(login.login("basic " + basic("karaf:secret:with:colons").substring(6)), "the scheme in any case");
    }

    @Test
    void anythingElseIsRefused() {
        assertNull(login.login(null));
        assertNull(login.login(basic("karaf:wrong")));
        assertNull(login.login(basic("karaf")), "no colon");
        assertNull(login.login(basic(":secret:with:colons")), "no user");
        assertNull(login.login("Basic not-base64!"));
        assertNull(login.login("Bearer " + basic("karaf:secret:with:colons").substring(6)));
    }

    @Test
    void aRealmNameThatWouldBreakTheChallengeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BasicLogin.jaas("a\"b"));
        assertThrows(IllegalArgumentException.class, () -> BasicLogin.jaas(" "));
    }
}
