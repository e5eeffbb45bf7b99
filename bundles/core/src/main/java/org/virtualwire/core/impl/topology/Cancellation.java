package org.virtualwire.core.impl.topology;

import java.io.IOException;
import java.io.Reader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a long apply be cancelled: Ctrl-C in the Karaf console interrupts the command's thread, and reading,
 * parsing, checking and planning look at that thread's interrupt status as they go and stop with a refusal
 * before anything has changed. The status is only read, never cleared, so that the caller still sees it.
 */
final class Cancellation {
    private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);

    private Cancellation() {
    }

    /**
     * @param source the document's name
     * @param doing what the apply was doing, e.g. {@code parsing}
     * @throws org.virtualwire.api.VirtualWireException when the current thread has been interrupted
     */
    static void check(String source, String doing) {
        if (Thread.currentThread().isInterrupted()) {
            throw cancelled(source, doing);
        }
    }

    /**
     * @param source the document's name
     * @param doing what the apply was doing
     * @return the refusal of a cancelled apply
     */
    static RuntimeException cancelled(String source, String doing) {
        RuntimeException e = new DocumentLocation(source, 0, "").fail("apply cancelled (interrupted) while " + doing + ": nothing changed");
        // logged as well: the Karaf console drops what an interrupted command prints, so the log is where it shows
        LOG.info("{}", e.getMessage());
        return e;
    }

    /**
     * @param in what the parser reads
     * @param source the document's name
     * @return the same text, checking for cancellation before each chunk (SnakeYAML reads 1,024 characters at a
     *     time and parses as it reads, so the parse stops within a chunk of being cancelled)
     */
    static Reader reader(Reader in, String source) {
        return new Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                // unchecked on purpose: SnakeYAML wraps IOExceptions into "malformed YAML" but lets these through
                check(source, "parsing");
                return in.read(buffer, offset, length);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
