package org.virtualwire.driver.ec2;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.spi.CloudDriver;
import org.virtualwire.testing.CloudDriverContract;
import org.virtualwire.testing.CloudView;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The cloud-driver contract for the ec2 driver against the fake EC2 of this test tree. */
public class Ec2DriverContractTest extends CloudDriverContract {
    protected FakeEc2 fake;
    protected Ec2CloudDriver driver;
    protected CloudView view;
    protected Ec2Client client;
    protected String owner;

    /** Cloud properties every test cloud has. */
    protected Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("region", "eu-west-1");
        p.put("subnet", FakeEc2State.SUBNET);
        p.put("image", FakeEc2State.IMAGE);
        p.put("zookeeper", "zk1.example:2181,zk2.example:2181");
        p.put("tags", "project=virtualwire-tests");
        return p;
    }

    @BeforeEach
    void start() throws Exception {
        open();
    }

    /** Starts the fake and a driver and a view on it; the live suite overrides this. */
    protected void open() throws Exception {
        fake = new FakeEc2();
        owner = "vwt-" + Long.toHexString(System.nanoTime() & 0xffffff);
        Map<String, String> creds = Map.of("credentials.ca.accessKeyId", "AKIDTEST", "credentials.ca.secretAccessKey",
                "not-a-secret");
        driver = new Ec2CloudDriver(fake.endpoint(), owner, creds, 4, 1, Duration.ofSeconds(10), 1);
        client = Ec2Client.builder().region(Region.EU_WEST_1).endpointOverride(URI.create(fake.endpoint()))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDVIEW", "x")))
                .build();
        view = new SdkCloudView(client, owner, FakeEc2State.SUBNET, FakeEc2State.IMAGE, "t3.micro", fake);
        // clouds other than "ca" take the SDK's default chain: here, system properties
        System.setProperty("aws.accessKeyId", "AKIDDEFAULTCHAIN");
        System.setProperty("aws.secretAccessKey", "not-a-secret");
    }

    @Override
    protected void closeBackend() {
        driver.deactivate();
        client.close();
        if (fake != null) {
            fake.close();
        }
    }

    @Override
    protected CloudDriver driver() {
        return driver;
    }

    @Override
    protected CloudView view() {
        return view;
    }

    @Override
    protected Cloud cloud(String name) {
        return new Cloud(CloudId.of(name), Ec2CloudDriver.TYPE, properties());
    }

    @Override
    protected Map<String, String> badProperties() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("region", "Europe");
        bad.put("subnet", "10.0.0.0/24");
        bad.put("image", "ubuntu");
        bad.put("instanceType", "t3.micro");
        bad.put("zookeeper", "");
        bad.put("gatewayPort", "70000");
        bad.put("mtu", "jumbo");
        bad.put("keyName", "a\nb");
        bad.put("tags", "virtualwire:owner=me");
        bad.put("secretAccessKey", "wJalrXUtnFEMI");
        bad.put("colour", "blue");
        return bad;
    }

    @Override
    protected boolean ours(Map<String, String> tags) {
        return owner.equals(tags.get(Tags.OWNER));
    }

    @Override
    protected String cloudTag() {
        return Tags.CLOUD;
    }

    @Override
    protected String hostTag() {
        return Tags.HOST;
    }

    @Override
    protected String agentMarker() {
        return "systemctl enable --now " + UserData.MARKER;
    }

    @Override
    protected boolean nestedVirtualization() {
        return true;
    }

    @Override
    protected int gatewayPort(Cloud cloud) {
        return Ec2Settings.DEFAULT_GATEWAY_PORT;
    }

    @Override
    protected void allowPeerGateways(Cloud cloud, Set<String> addresses) {
        driver.allowGateways(cloud, addresses);
    }
}
