package org.virtualwire.driver.ec2;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the ec2 cloud driver, PID {@code org.virtualwire.driver.ec2}. Per-cloud credentials sit in the same
 * configuration as {@code credentials.<cloud>.accessKeyId}, {@code .secretAccessKey} and {@code .sessionToken}
 * (never logged, never shown); without them the AWS SDK's default chain is used.
 */
@ObjectClassDefinition(id = "org.virtualwire.driver.ec2", name = "VirtualWire EC2 cloud driver")
@interface Ec2Config {
    /** @return an EC2 endpoint instead of AWS's regional one (an emulator); empty for AWS */
    @AttributeDefinition(description = "EC2 endpoint to use instead of AWS's (an emulator), empty for AWS", required = false)
    String endpoint() default "";

    /** @return the value of the virtualwire:owner tag: this appliance's mark, the only things sweep removes */
    @AttributeDefinition(description = "Value of the virtualwire:owner tag on everything the driver makes; sweep "
            + "removes only what carries it")
    String owner() default "virtualwire";

    /** @return how many times a throttled call (RequestLimitExceeded) is tried before it is reported */
    @AttributeDefinition(description = "Attempts of a throttled call before it is reported")
    int attempts() default 6;

    /** @return the first backoff after throttling, doubled on each retry */
    @AttributeDefinition(description = "First backoff (ms) after throttling, doubled each retry")
    long backoffMillis() default 500;

    /** @return how long a launched instance may stay pending before it is terminated and reported */
    @AttributeDefinition(description = "Seconds a launched instance may take to run before it is terminated")
    int launchTimeoutSeconds() default 300;

    /** @return how often instance states are polled while waiting */
    @AttributeDefinition(description = "Milliseconds between polls of an instance's state")
    long pollMillis() default 2000;
}
