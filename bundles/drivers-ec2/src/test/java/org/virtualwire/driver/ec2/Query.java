package org.virtualwire.driver.ec2;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parameters of one EC2 Query API request ({@code Action=...&Name.1=...}), as the SDK's EC2 protocol sends them. */
record Query(Map<String, String> params) {
    static Query parse(String body) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            p.put(k, v);
        }
        return new Query(p);
    }

    String action() {
        return params.get("Action");
    }

    String get(String name) {
        return params.get(name);
    }

    /** @return {@code name.1}, {@code name.2}, ... */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (int i = 1; params.containsKey(name + "." + i); i++) {
            out.add(params.get(name + "." + i));
        }
        return out;
    }

    /** @return how many {@code prefix.N.*} groups there are */
    int count(String prefix) {
        int n = 0;
        while (true) {
            String p = prefix + "." + (n + 1) + ".";
            if (params.keySet().stream().noneMatch(k -> k.startsWith(p))) {
                return n;
            }
            n++;
        }
    }

    /** @return {@code Filter.N.Name} to its {@code Filter.N.Value.M} */
    Map<String, List<String>> filters() {
        Map<String, List<String>> f = new LinkedHashMap<>();
        for (int i = 1; i <= count("Filter"); i++) {
            f.put(get("Filter." + i + ".Name"), list("Filter." + i + ".Value"));
        }
        return f;
    }

    /** @return tags of {@code TagSpecification.N} whose ResourceType is {@code type}, or of {@code Tag.N} when type is null */
    Map<String, String> tags(String type) {
        String prefix = null;
        if (type == null) {
            prefix = "Tag";
        } else {
            for (int i = 1; i <= count("TagSpecification"); i++) {
                if (type.equals(get("TagSpecification." + i + ".ResourceType"))) {
                    prefix = "TagSpecification." + i + ".Tag";
                }
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (prefix != null) {
            for (int i = 1; i <= count(prefix); i++) {
                tags.put(get(prefix + "." + i + ".Key"), get(prefix + "." + i + ".Value"));
            }
        }
        return tags;
    }
}
