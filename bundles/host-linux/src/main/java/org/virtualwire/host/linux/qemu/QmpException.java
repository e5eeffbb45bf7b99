package org.virtualwire.host.linux.qemu;

/** A QMP command that QEMU refused or could not answer; the message carries QMP's own description. */
public class QmpException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorClass;

    /**
     * @param command the command that failed
     * @param errorClass QMP's error class, e.g. {@code GenericError}
     * @param desc QMP's description of the error
     */
    public QmpException(String command, String errorClass, String desc) {
        super(command + ": " + desc);
        this.errorClass = errorClass;
    }

    /** @return QMP's error class, or {@code Disconnected} when the connection closed */
    public String errorClass() {
        return errorClass;
    }
}
