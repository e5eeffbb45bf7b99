package org.virtualwire.host.linux.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Finds the guest image for tests, building it with the project's script when it is missing. */
public final class GuestImages {
    private GuestImages() {
    }

    /**
     * @return the image in {@code -Dvw.guest.image=DIR} or {@code <repo>/target/guest-image}
     * @throws org.opentest4j.TestAbortedException (skips the test) if it cannot be had, or QEMU is missing
     */
    public static GuestImage findOrBuild() throws IOException, InterruptedException {
        Path root = repoRoot();
        Path out = Path.of(System.getProperty("vw.guest.image", root.resolve("target/guest-image").toString()));
        GuestImage image = GuestImage.in(out);
        if (!image.exists()) {
            // The script's output goes to a file: a forked test JVM's stdout is Surefire's channel.
            Path log = Files.createTempFile("guest-image", ".log");
            Process p = new ProcessBuilder("bash", root.resolve("scripts/guest-image.sh").toString(), out.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(9, TimeUnit.MINUTES);
            String output = Files.readString(log);
            System.out.println(output);
            Files.delete(log);
            Assumptions.assumeTrue(done && p.exitValue() == 0, "cannot build the guest image: " + output);
        }
        Assumptions.assumeTrue(onPath("qemu-system-x86_64"), "qemu-system-x86_64 is not installed");
        return image;
    }

    private static Path repoRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("scripts/guest-image.sh"))) {
                return d;
            }
        }
        throw new IllegalStateException("no scripts/guest-image.sh above " + Path.of("").toAbsolutePath());
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
