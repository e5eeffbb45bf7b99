package org.virtualwire.api;

import java.util.regex.Pattern;

/** Validation of the names that ids carry: short, lower case, usable in kernel object names. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,14}");

    private Names() {
    }

    static String check(String kind, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new VirtualWireException(kind, "invalid " + kind + " name '" + value
                    + "': use 1 to 15 characters a-z, 0-9 and '-', starting with a letter or digit");
        }
        return value;
    }
}
