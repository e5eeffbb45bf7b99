package org.virtualwire.driver.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The marks on everything the driver makes: {@code virtualwire:owner} (this appliance, the driver's {@code owner}
 * setting), {@code virtualwire:cloud} and, for a host's things, {@code virtualwire:host}. The driver finds, sweeps
 * and removes by these tags only, so it never touches what it did not make.
 */
final class Tags {
    static final String PREFIX = "virtualwire:";
    static final String OWNER = PREFIX + "owner";
    static final String CLOUD = PREFIX + "cloud";
    static final String HOST = PREFIX + "host";

    private final String owner;

    Tags(String owner) {
        this.owner = owner;
    }

    String owner() {
        return owner;
    }

    Map<String, String> of(String cloud, String host, Map<String, String> extra) {
        Map<String, String> t = new LinkedHashMap<>(extra);
        t.put(OWNER, owner);
        t.put(CLOUD, cloud);
        if (host != null) {
            t.put(HOST, host);
            t.put("Name", "vw-" + cloud + "-" + host);
        }
        return t;
    }

    TagSpecification spec(ResourceType type, Map<String, String> tags) {
        List<Tag> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
        return TagSpecification.builder().resourceType(type).tags(list).build();
    }

    /** Filters on this appliance's tags, plus the cloud and host when not null. */
    List<Filter> filters(String cloud, String host) {
        List<Filter> f = new ArrayList<>();
        f.add(filter("tag:" + OWNER, owner));
        if (cloud != null) {
            f.add(filter("tag:" + CLOUD, cloud));
        }
        if (host != null) {
            f.add(filter("tag:" + HOST, host));
        }
        return f;
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    static String get(List<Tag> tags, String key) {
        return tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }
}
