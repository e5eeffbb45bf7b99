package org.virtualwire.itests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Checks that removing hosts and guests removed their namespaces, and cleans up if it did not. */
final class Leftovers {
    private Leftovers() {
    }

    /**
     * Waits a little for host and guest namespaces of the prefix to go; deletes those that stay and fails.
     *
     * @param prefix the appliance's namespace prefix
     */
    static void assertNone(String prefix) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> left = found(prefix);
        while (!left.isEmpty() && System.nanoTime() < end) {
            sleep();
            left = found(prefix);
        }
        if (!left.isEmpty()) {
            Netns.deleteAll(prefix + "g-");
            Netns.deleteAll(prefix + "h-");
            throw new AssertionError("namespaces left after removing every guest and host: " + left);
        }
    }

    /**
     * Clean-up for tests about something else: waits a little for host and guest namespaces of the prefix to
     * go, then deletes those that stay (reporting them on stderr) so that the next test starts clean.
     *
     * @param prefix the appliance's namespace prefix
     */
    static void clean(String prefix) {
        try {
            assertNone(prefix);
        } catch (AssertionError e) {
            System.err.println("clean-up: " + e.getMessage() + " (deleted)");
        }
    }

    private static List<String> found(String prefix) {
        List<String> left = new ArrayList<>(Netns.list(prefix + "g-"));
        left.addAll(Netns.list(prefix + "h-"));
        return left;
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
