package org.virtualwire.driver.ec2;

/** An error the fake answers with: AWS's code, message and HTTP status. */
final class Ec2Fault extends RuntimeException {
    final String code;
    final int status;

    Ec2Fault(String code, String message) {
        this(code, message, 400);
    }

    Ec2Fault(String code, String message, int status) {
        super(message);
        this.code = code;
        this.status = status;
    }
}
