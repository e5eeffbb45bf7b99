package org.virtualwire.driver.ec2;

import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtualwire.api.VirtualWireException;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs one EC2 call: throttling ({@code RequestLimitExceeded}) is retried with exponential backoff up to
 * {@code attempts} times, then reported; every other AWS error becomes a {@link VirtualWireException} that says what
 * it means for the user, keeping AWS's error code in the message.
 */
final class Calls {
    private static final Logger LOG = LoggerFactory.getLogger(Calls.class);
    private static final Set<String> THROTTLING = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException");

    private final int attempts;
    private final long backoffMillis;

    Calls(int attempts, long backoffMillis) {
        this.attempts = Math.max(1, attempts);
        this.backoffMillis = Math.max(0, backoffMillis);
    }

    <T> T call(String action, Supplier<T> call) {
        for (int attempt = 1;; attempt++) {
            try {
                return call.get();
            } catch (AwsServiceException e) {
                String code = code(e);
                if (THROTTLING.contains(code) && attempt < attempts) {
                    long delay = backoffMillis << Math.min(attempt - 1, 10);
                    LOG.info("EC2 {} throttled ({}), attempt {} of {}: retrying in {} ms", action, code, attempt,
                            attempts, delay);
                    sleep(delay);
                    continue;
                }
                throw translate(action, code, e, attempt);
            } catch (SdkClientException e) {
                throw new VirtualWireException("region", "EC2 " + action + " could not reach the EC2 endpoint: "
                        + e.getMessage());
            }
        }
    }

    void run(String action, Runnable call) {
        call(action, () -> {
            call.run();
            return null;
        });
    }

    static String code(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code != null ? code : e.statusCode() == 401 || e.statusCode() == 403 ? "AuthFailure"
                : "HTTP " + e.statusCode();
    }

    private static VirtualWireException translate(String action, String code, AwsServiceException e, int attempt) {
        String msg = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String what = "EC2 " + action + " failed: " + code + ": " + msg;
        if (THROTTLING.contains(code)) {
            return new VirtualWireException("ec2", what + " (still throttled after " + attempt + " attempts)");
        }
        if (code.equals("AuthFailure") || code.equals("UnauthorizedOperation") || code.startsWith("InvalidClientTokenId")
                || code.equals("SignatureDoesNotMatch") || code.equals("OptInRequired")) {
            return new VirtualWireException("credentials", what + " (check the credentials in etc/org.virtualwire."
                    + "driver.ec2.cfg or the AWS SDK's default chain, and their IAM permissions)");
        }
        if (code.startsWith("InvalidAMIID") || code.startsWith("InvalidParameterValue") && msg != null
                && msg.contains("ssm")) {
            return new VirtualWireException("image", what + " (the cloud's image is unknown in this region)");
        }
        if (code.equals("InvalidInstanceType") || code.equals("Unsupported")) {
            return new VirtualWireException("instanceType", what);
        }
        if (code.startsWith("InvalidSubnetID")) {
            return new VirtualWireException("subnet", what);
        }
        if (code.startsWith("InvalidKeyPair")) {
            return new VirtualWireException("keyName", what);
        }
        if (code.equals("InsufficientInstanceCapacity")) {
            return new VirtualWireException("instanceType", what + " (AWS has no capacity for this type in the subnet's "
                    + "zone now: try later, another type or another subnet)");
        }
        if (code.equals("InstanceLimitExceeded") || code.equals("VcpuLimitExceeded")
                || code.equals("AddressLimitExceeded")) {
            return new VirtualWireException("quota", what + " (an account quota: raise it in the Service Quotas console)");
        }
        return new VirtualWireException("ec2", what);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtualWireException("ec2", "interrupted while waiting to retry");
        }
    }
}
