package org.virtualwire.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a cloud holds, read from the cloud itself (its API), not from the driver under test: the contract suite
 * ({@link CloudDriverContract}) checks a driver's work through it. Each backend (a fake, an emulator, the real cloud)
 * supplies one.
 */
public interface CloudView {
    /** An instance that is not terminated. */
    record Instance(String id, String state, Map<String, String> tags, String privateAddress, String publicAddress,
            String userData, Boolean nestedVirtualization, boolean sourceDestCheck, List<String> groups) {
    }

    /**
     * One ingress rule of a security group.
     *
     * @param source a CIDR, or the id of the group itself for "members only"
     */
    record Rule(String protocol, int fromPort, int toPort, String source) {
    }

    /** A security group. */
    record Group(String id, Map<String, String> tags, List<Rule> rules) {
    }

    /** A public (elastic) address. */
    record PublicAddress(String id, String address, String instanceId, Map<String, String> tags) {
    }

    /** @return instances that are not terminated (tagged or not) */
    List<Instance> instances();

    /** @return every security group this backend lets the suite see */
    List<Group> groups();

    /** @return every public address */
    List<PublicAddress> addresses();

    /**
     * @return a public address the cloud lets the driver give a gateway (e.g. an Elastic IP allocated in the
     *         account), untagged
     */
    String reservePublicAddress();

    /**
     * Starts an instance that carries the driver's tags for {@code cloud}/{@code host} behind the driver's back, as a
     * crash would leave it.
     *
     * @return its id
     */
    String leaveTaggedInstance(String cloud, String host);

    /** @return the id of an instance started without any of the driver's tags (someone else's) */
    String startUntaggedInstance();

    /** Removes what {@link #startUntaggedInstance()} and {@link #reservePublicAddress()} made and the driver did not take. */
    void cleanUp();

    /** @return how many API calls the cloud has answered so far */
    long calls();

    /** @return the fault injector, where the backend has one (fakes), or empty (real clouds) */
    Optional<Faults> faults();

    /** Makes the cloud answer with errors. */
    interface Faults {
        /**
         * @param action an API action (e.g. {@code RunInstances}), or {@code *} for any
         * @param times how many calls to answer so
         */
        void throttle(String action, int times);

        /** The next instance launch is refused for lack of capacity. */
        void noCapacity();

        /** Clears what is pending. */
        void clear();
    }
}
