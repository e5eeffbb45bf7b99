package org.virtualwire.driver.ec2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake EC2 Query API on the JDK's HTTP server, answering at {@code /} (the SDK drops any path of its endpoint
 * override) the actions the ec2 driver uses, with AWS's XML and error codes, keeping state ({@link FakeEc2State}),
 * recording every request, and injecting faults: throttling per action, a capacity shortage, a rejected access key.
 */
final class FakeEc2 implements AutoCloseable {
    /** An access key id the fake refuses with AuthFailure. */
    static final String BAD_KEY = "AKIDREJECTED";
    private static final Pattern KEY = Pattern.compile("Credential=([^/]+)/");

    /** One request: its action and parameters. */
    record Call(String action, Map<String, String> params) {
    }

    final FakeEc2State state = new FakeEc2State();
    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    private final Map<String, Ec2Fault> failures = new ConcurrentHashMap<>();

    FakeEc2() throws IOException {
        // without TCP_NODELAY each small response waits for the client's delayed ACK (~40 ms a call)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized long count(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).count();
    }

    /** The next {@code times} calls of {@code action} ({@code *}: any) are answered RequestLimitExceeded. */
    void throttle(String action, int times) {
        throttled.put(action, new AtomicInteger(times));
    }

    /** The next call of {@code action} is answered with this error. */
    void fail(String action, String code, String message, int status) {
        failures.put(action, new Ec2Fault(code, message, status));
    }

    synchronized void noCapacity() {
        state.noCapacity = true;
    }

    synchronized void clearFaults() {
        throttled.clear();
        failures.clear();
        state.noCapacity = false;
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Query q = Query.parse(body);
        String requestId = UUID.randomUUID().toString();
        int status = 200;
        String out;
        synchronized (this) {
            calls.add(new Call(String.valueOf(q.action()), q.params()));
            try {
                checkAuth(x);
                throttle(q.action());
                Ec2Fault planned = failures.remove(String.valueOf(q.action()));
                if (planned != null) {
                    throw planned;
                }
                out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + q.action() + "Response xmlns=\"" + Xml.NS
                        + "\"><requestId>" + requestId + "</requestId>" + dispatch(q) + "</" + q.action() + "Response>";
            } catch (Ec2Fault f) {
                status = f.status;
                out = Xml.error(f.code, f.getMessage(), requestId);
            }
        }
        byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private static void checkAuth(HttpExchange x) {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        Matcher m = auth == null ? null : KEY.matcher(auth);
        if (m == null || !m.find()) {
            throw new Ec2Fault("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
        }
        if (BAD_KEY.equals(m.group(1))) {
            throw new Ec2Fault("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
        }
    }

    private void throttle(String action) {
        for (String key : List.of(String.valueOf(action), "*")) {
            AtomicInteger left = throttled.get(key);
            if (left != null && left.getAndDecrement() > 0) {
                throw new Ec2Fault("RequestLimitExceeded", "Request limit exceeded.", 503);
            }
        }
    }

    private String dispatch(Query q) {
        FakeEc2State s = state;
        return switch (String.valueOf(q.action())) {
            case "DescribeSubnets" -> s.describeSubnets(q);
            case "RunInstances" -> s.runInstances(q);
            case "DescribeInstances" -> s.describeInstances(q);
            case "DescribeInstanceAttribute" -> s.describeInstanceAttribute(q);
            case "ModifyInstanceAttribute" -> s.modifyInstanceAttribute(q);
            case "TerminateInstances" -> s.terminateInstances(q);
            case "CreateSecurityGroup" -> s.createSecurityGroup(q);
            case "DescribeSecurityGroups" -> s.describeSecurityGroups(q);
            case "AuthorizeSecurityGroupIngress" -> s.authorize(q, true);
            case "RevokeSecurityGroupIngress" -> s.authorize(q, false);
            case "DeleteSecurityGroup" -> s.deleteSecurityGroup(q);
            case "AllocateAddress" -> s.allocateAddress(q);
            case "DescribeAddresses" -> s.describeAddresses(q);
            case "AssociateAddress" -> s.associateAddress(q);
            case "DisassociateAddress" -> s.disassociateAddress(q);
            case "ReleaseAddress" -> s.releaseAddress(q);
            case "CreateTags" -> s.createTags(q);
            default -> throw new Ec2Fault("InvalidAction", "The action " + q.action() + " is not valid for this web "
                    + "service.");
        };
    }

    /**
     * Runs the fake on its own, for the live suite's {@code VW_EC2_ENDPOINT}: prints its endpoint, serves until killed.
     *
     * @param args none
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        FakeEc2 fake = new FakeEc2();
        System.out.println(fake.endpoint());
        Thread.currentThread().join();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
