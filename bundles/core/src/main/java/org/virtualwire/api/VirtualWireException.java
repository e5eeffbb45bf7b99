package org.virtualwire.api;

/**
 * A request that was refused. The message names the problem; nothing was changed.
 */
public class VirtualWireException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    /**
     * @param field the input at fault (for example {@code mac}), or null when no single field is
     * @param message what is wrong, in words a network engineer understands
     */
    public VirtualWireException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** @return the input at fault, or null */
    public String field() {
        return field;
    }
}
