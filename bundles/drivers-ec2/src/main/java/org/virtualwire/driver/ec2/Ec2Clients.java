package org.virtualwire.driver.ec2;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * One EC2 client per cloud (its region and credentials), built on the JDK's URL connection (no Apache or Netty
 * client in the bundle). The SDK's own retries are off: {@link Calls} retries throttling, so the count is ours.
 * Credentials come from the driver's configuration ({@code credentials.<cloud>.accessKeyId},
 * {@code .secretAccessKey}, optional {@code .sessionToken}; or {@code credentials.<cloud>.profile}, a profile of
 * ~/.aws/credentials, which keeps the secret out of Karaf's configuration) or else from the SDK's default chain (environment,
 * system properties, ~/.aws, instance profile); they are never logged.
 */
final class Ec2Clients implements AutoCloseable {
    private final String endpoint;
    private final Map<String, String> config;
    private final Map<String, Ec2Client> clients = new ConcurrentHashMap<>();

    /**
     * @param endpoint an endpoint to use instead of AWS's (an emulator or a fake), or blank
     * @param config the driver's configuration, holding the per-cloud credentials
     */
    Ec2Clients(String endpoint, Map<String, String> config) {
        this.endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.trim();
        this.config = Map.copyOf(config);
    }

    Ec2Client of(String cloud, String region) {
        return clients.computeIfAbsent(cloud + "@" + region, k -> build(cloud, region));
    }

    private Ec2Client build(String cloud, String region) {
        var b = Ec2Client.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials(cloud))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (endpoint != null) {
            b.endpointOverride(URI.create(endpoint));
        }
        return b.build();
    }

    private AwsCredentialsProvider credentials(String cloud) {
        String prefix = "credentials." + cloud + ".";
        String id = config.get(prefix + "accessKeyId");
        String secret = config.get(prefix + "secretAccessKey");
        String token = config.get(prefix + "sessionToken");
        String profile = config.get(prefix + "profile");
        if (profile != null && !profile.isBlank()) {
            return ProfileCredentialsProvider.create(profile.trim());
        }
        if (id == null || secret == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(token == null ? AwsBasicCredentials.create(id, secret)
                : AwsSessionCredentials.create(id, secret, token));
    }

    @Override
    public void close() {
        clients.values().forEach(Ec2Client::close);
        clients.clear();
    }
}
