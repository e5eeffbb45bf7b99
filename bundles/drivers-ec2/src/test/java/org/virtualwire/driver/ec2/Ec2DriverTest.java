package org.virtualwire.driver.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtualwire.api.Cloud;
import org.virtualwire.api.CloudId;
import org.virtualwire.api.Host;
import org.virtualwire.api.HostId;
import org.virtualwire.api.VirtualWireException;

/** What the contract cannot say generically: the ec2 driver's requests on the wire and its errors by name. */
class Ec2DriverTest {
    private static final Set<String> MUTATING = Set.of("RunInstances", "CreateSecurityGroup",
            "AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress", "ModifyInstanceAttribute",
            "AssociateAddress", "CreateTags", "TerminateInstances", "ReleaseAddress", "DisassociateAddress",
            "DeleteSecurityGroup", "AllocateAddress");
    private FakeEc2 fake;
    private Ec2CloudDriver driver;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeEc2();
        driver = new Ec2CloudDriver(fake.endpoint(), "vwt-unit", Map.of("credentials.bad.accessKeyId", FakeEc2.BAD_KEY,
                "credentials.bad.secretAccessKey", "x", "credentials.aws.accessKeyId", "AKIDTEST",
                "credentials.aws.secretAccessKey", "x"), 3, 1, Duration.ofSeconds(10), 1);
    }

    @AfterEach
    void stop() {
        driver.deactivate();
        fake.close();
    }

    private static Cloud cloud(String name, Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("region", "eu-west-1");
        p.put("subnet", FakeEc2State.SUBNET);
        p.put("image", FakeEc2State.SSM_IMAGE);
        p.put("zookeeper", "10.0.0.5:2181");
        p.putAll(extra);
        return new Cloud(CloudId.of(name), "ec2", p);
    }

    private Host host(Cloud c, String name, String publicAddress, Set<String> taken) {
        return new Host(HostId.of(name), c.id(), driver.allocateAddress(c, HostId.of(name), null, taken), publicAddress);
    }

    private long mutations(int from) {
        return fake.calls().stream().skip(from).filter(x -> MUTATING.contains(x.action())).count();
    }

    @Test
    void runInstancesAsksForNestedVirtualizationTagsAndTheSsmImage() {
        Cloud c = cloud("aws", Map.of("keyName", "ops", "tags", "team=net"));
        Host h = host(c, "h1", null, Set.of());
        driver.ensureHost(h, c);
        Map<String, String> run = fake.calls().stream().filter(x -> x.action().equals("RunInstances")).findFirst()
                .orElseThrow().params();
        assertEquals("enabled", run.get("CpuOptions.NestedVirtualization"));
        assertEquals("resolve:ssm:" + FakeEc2State.SSM_IMAGE, run.get("ImageId"));
        assertEquals("c8i.large", run.get("InstanceType"));
        assertEquals("ops", run.get("KeyName"));
        assertEquals("10.99.0.4", run.get("PrivateIpAddress"), "the first usable address (AWS keeps .0-.3)");
        Query q = new Query(run);
        assertEquals(Map.of("virtualwire:owner", "vwt-unit", "virtualwire:cloud", "aws", "virtualwire:host", "h1",
                "Name", "vw-aws-h1", "team", "net"), q.tags("instance"));
        assertEquals(q.tags("instance"), q.tags("volume"));
        FakeEc2State.Instance i = fake.state.instances.values().iterator().next();
        assertTrue(i.nested);
        assertFalse(i.sourceDestCheck);
        try (var client = software.amazon.awssdk.services.ec2.Ec2Client.builder()
                .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .endpointOverride(java.net.URI.create(fake.endpoint()))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDVIEW", "x"))).build()) {
            var seen = new SdkCloudView(client, "vwt-unit", FakeEc2State.SUBNET, FakeEc2State.IMAGE, "t3.micro", fake)
                    .instances().get(0);
            assertEquals(Boolean.TRUE, seen.nestedVirtualization(), "the SDK reads the fake's cpuOptions back");
            assertTrue(seen.userData().contains("zookeeper = 10.0.0.5:2181"), seen.userData());
        }
    }

    @Test
    void aSecondPassChangesNothingAndCountsItsCalls() {
        Cloud c = cloud("aws", Map.of());
        String eip = fake.state.allocateAddress(new Query(Map.of())).replaceAll(".*<publicIp>(.*)</publicIp>.*", "$1");
        driver.validatePublicAddress(c, eip);
        Host gw = host(c, "gw", eip, Set.of());
        int before = fake.calls().size();
        long t0 = System.nanoTime();
        driver.ensureHost(gw, c);
        long gatewayNanos = System.nanoTime() - t0;
        int gatewayCalls = fake.calls().size() - before;
        Host h1 = host(c, "h1", null, Set.of(gw.underlayAddress()));
        before = fake.calls().size();
        t0 = System.nanoTime();
        driver.ensureHost(h1, c);
        long hostNanos = System.nanoTime() - t0;
        int hostCalls = fake.calls().size() - before;
        Host h2 = host(c, "h2", null, Set.of(gw.underlayAddress(), h1.underlayAddress()));
        int before2 = fake.calls().size();
        long t2 = System.nanoTime();
        driver.ensureHost(h2, c);
        System.out.printf("ec2 through the fake: gateway (first, cold client) %d API calls %.1f ms, host %d API calls "
                + "%.1f ms, next host %d API calls %.1f ms: %s%n", gatewayCalls, gatewayNanos / 1e6, hostCalls,
                hostNanos / 1e6, fake.calls().size() - before2, (System.nanoTime() - t2) / 1e6,
                fake.calls().subList(before2, fake.calls().size()).stream().map(FakeEc2.Call::action).toList());
        before = fake.calls().size();
        driver.ensureHost(gw, c);
        driver.ensureHost(h1, c);
        driver.ensureHost(h2, c);
        assertEquals(0, mutations(before), "a second pass only reads: " + fake.calls().subList(before,
                fake.calls().size()).stream().map(FakeEc2.Call::action).toList());
        System.out.printf("ec2 second pass: %d API calls for 3 hosts%n", fake.calls().size() - before);
    }

    @Test
    void errorsNameWhatIsWrong() {
        Cloud bad = cloud("bad", Map.of());
        VirtualWireException auth = assertThrows(VirtualWireException.class, () -> host(bad, "h1", null, Set.of()));
        assertEquals("credentials", auth.field());
        assertTrue(auth.getMessage().contains("AuthFailure"), auth.getMessage());

        Cloud c = cloud("aws", Map.of("image", "ami-0123456789abcdef0"));
        Host h = host(c, "h1", null, Set.of());
        VirtualWireException ami = assertThrows(VirtualWireException.class, () -> driver.ensureHost(h, c));
        assertEquals("image", ami.field());
        assertTrue(ami.getMessage().contains("InvalidAMIID.NotFound"), ami.getMessage());

        Cloud ok = cloud("aws", Map.of());
        fake.fail("RunInstances", "InstanceLimitExceeded", "You have requested more instances (21) than your current "
                + "instance limit of 20 allows", 400);
        VirtualWireException quota = assertThrows(VirtualWireException.class, () -> driver.ensureHost(h, ok));
        assertEquals("quota", quota.field());
        assertTrue(quota.getMessage().contains("InstanceLimitExceeded"), quota.getMessage());

        fake.noCapacity();
        VirtualWireException capacity = assertThrows(VirtualWireException.class, () -> driver.ensureHost(h, ok));
        assertTrue(capacity.getMessage().contains("InsufficientInstanceCapacity"), capacity.getMessage());
        assertTrue(fake.state.instances.isEmpty(), "nothing launched");

        long runs = fake.count("RunInstances");
        fake.throttle("RunInstances", 2);
        driver.ensureHost(h, ok);
        assertEquals(3, fake.count("RunInstances") - runs, "two throttled attempts, then one launch");
        assertEquals(1, fake.state.instances.size());
    }

    @Test
    void aPublicAddressMustBeAnElasticIpOfTheAccount() {
        Cloud c = cloud("aws", Map.of());
        VirtualWireException e = assertThrows(VirtualWireException.class,
                () -> driver.validatePublicAddress(c, "198.51.100.1"));
        assertEquals("address", e.field());
        assertTrue(e.getMessage().contains("allocate-address"), e.getMessage());
    }

    @Test
    void credentialsAreNotCloudProperties() {
        Map<String, String> p = new HashMap<>(cloud("aws", Map.of()).properties());
        p.put("secretAccessKey", "wJalrXUtnFEMI/K7MDENG");
        VirtualWireException e = assertThrows(VirtualWireException.class,
                () -> driver.validate(new Cloud(CloudId.of("aws"), "ec2", p)));
        assertEquals("secretAccessKey", e.field());
        assertFalse(e.getMessage().contains("wJalrXUtnFEMI"), "the secret is not repeated: " + e.getMessage());
        assertTrue(e.getMessage().contains("etc/org.virtualwire.driver.ec2.cfg"));
    }

    @Test
    void instanceTypeWithoutNestedVirtualizationIsRefusedUnlessTurnedOff() {
        VirtualWireException e = assertThrows(VirtualWireException.class,
                () -> driver.validate(cloud("aws", Map.of("instanceType", "m5.large"))));
        assertEquals("instanceType", e.field());
        driver.validate(cloud("aws", Map.of("instanceType", "m5.large", "nestedVirtualization", "false")));
        List<String> known = List.of("c8i.large", "m8i-flex.xlarge", "r8i.2xlarge");
        known.forEach(t -> driver.validate(cloud("aws", Map.of("instanceType", t))));
    }
}
