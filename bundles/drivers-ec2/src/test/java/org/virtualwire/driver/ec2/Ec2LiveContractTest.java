package org.virtualwire.driver.ec2;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The same contract against a real EC2: AWS itself with {@code VW_LIVE=ec2}, or an emulator at {@code VW_EC2_ENDPOINT}.
 * Skipped (and says so on stderr) otherwise. Credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN or AWS_PROFILE). Settings: VW_EC2_REGION (default us-east-1),
 * VW_EC2_SUBNET (required for AWS; an emulator's first subnet otherwise), VW_EC2_IMAGE (default the SSM parameter of
 * Amazon Linux 2023), VW_EC2_TYPE (default c8i.large). Everything carries a random owner tag {@code vwt-XXXXXX};
 * each test sweeps it, and a sweeper runs after the class.
 */
public class Ec2LiveContractTest extends Ec2DriverContractTest {
    private static final String OWNER = "vwt-" + Long.toHexString(Double.doubleToLongBits(Math.random()) & 0xffffff);
    private static Ec2CloudDriver last;
    private String region;
    private String subnet;
    private String image;
    private String type;

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    /** Skips the whole class, saying so, unless a real EC2 is named. */
    @BeforeAll
    static void realEc2Named() {
        if (!"ec2".equals(env("VW_LIVE", "")) && env("VW_EC2_ENDPOINT", null) == null) {
            System.err.println("SKIPPED Ec2LiveContractTest: set VW_LIVE=ec2 (real AWS, costs money) or VW_EC2_ENDPOINT "
                    + "(an EC2 emulator) to run the cloud-driver contract against a real EC2; see README 'EC2 driver'");
            Assumptions.abort("VW_LIVE=ec2 or VW_EC2_ENDPOINT not set");
        }
    }

    @Override
    protected void open() {
        String endpoint = env("VW_EC2_ENDPOINT", null);
        region = env("VW_EC2_REGION", "us-east-1");
        type = env("VW_EC2_TYPE", Ec2Settings.DEFAULT_TYPE);
        owner = OWNER;
        var b = Ec2Client.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) {
            b.endpointOverride(URI.create(endpoint));
        }
        client = b.build();
        subnet = env("VW_EC2_SUBNET", null);
        if (subnet == null) {
            Assumptions.assumeTrue(endpoint != null, "VW_EC2_SUBNET is required against AWS");
            subnet = client.describeSubnets().subnets().get(0).subnetId();
        }
        image = env("VW_EC2_IMAGE", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
        driver = new Ec2CloudDriver(endpoint, OWNER, Map.of(), 6, 500, Duration.ofMinutes(5), 2000);
        last = driver;
        view = new SdkCloudView(client, OWNER, subnet, image.startsWith("/") ? "resolve:ssm:" + image : image, type, null);
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of("region", region, "subnet", subnet, "image", image, "instanceType", type,
                "zookeeper", "127.0.0.1:2181", "tags", "virtualwire-test=" + OWNER);
    }

    @Override
    protected Cloud cloud(String name) {
        return new Cloud(CloudId.of(name), Ec2CloudDriver.TYPE, properties());
    }

    /** The sweeper: whatever carries this run's owner tag goes, even if a test broke off. */
    @AfterAll
    static void sweeper() {
        if (last != null) {
            Ec2CloudDriver d = last;
            try {
                d.sweep(List.of());
            } finally {
                d.deactivate();
            }
        }
    }
}
