package org.virtualwire.spi.linux;

/** A kernel command that failed; the message carries the command and what it printed. */
public class KernelException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and why
     */
    public KernelException(String message) {
        super(message);
    }
}
