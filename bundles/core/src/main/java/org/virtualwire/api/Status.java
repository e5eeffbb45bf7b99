package org.virtualwire.api;

/**
 * A health with the reason for it.
 *
 * @param health the health
 * @param detail why, or empty when all is well
 */
public record Status(Health health, String detail) {
    /** All is well. */
    public static final Status UP = new Status(Health.UP, "");
    /** Not applied yet. */
    public static final Status PENDING = new Status(Health.PENDING, "");

    @Override
    public String toString() {
        return detail.isEmpty() ? health.name() : health + " (" + detail + ")";
    }
}
