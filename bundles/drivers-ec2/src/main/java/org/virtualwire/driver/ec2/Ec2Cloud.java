package org.virtualwire.driver.ec2;

import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One cloud as the driver's helpers need it: its name, settings, client, retrying caller and tags.
 */
record Ec2Cloud(String name, Ec2Settings settings, Ec2Client ec2, Calls calls, Tags tags) {
}
