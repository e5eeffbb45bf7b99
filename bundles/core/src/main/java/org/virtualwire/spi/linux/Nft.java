package org.virtualwire.spi.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How {@link LinuxKernel} runs {@code nft} (nftables) in a namespace: a script as one transaction, a set's
 * elements, a counter. nft has no {@code -n NETNS} of its own, so it runs through {@code ip netns exec}.
 */
final class Nft {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Nft() {
    }

    static void apply(Kernel kernel, String netns, List<String> lines) throws KernelException {
        if (!lines.isEmpty()) {
            kernel.run(command(netns, "-f", "-"), String.join("\n", lines) + "\n");
        }
    }

    static Optional<List<String>> elements(Kernel kernel, String netns, String family, String table, String set)
            throws KernelException {
        Optional<JsonNode> json = list(kernel, netns, "set", family, table, set);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        List<String> elements = new ArrayList<>();
        for (JsonNode item : json.get().path("nftables")) {
            item.path("set").path("elem").forEach(e -> elements.add(element(e)));
        }
        return Optional.of(elements);
    }

    static OptionalLong counter(Kernel kernel, String netns, String family, String table, String counter)
            throws KernelException {
        Optional<JsonNode> json = list(kernel, netns, "counter", family, table, counter);
        if (json.isPresent()) {
            for (JsonNode item : json.get().path("nftables")) {
                if (item.path("counter").isObject()) {
                    return OptionalLong.of(item.path("counter").path("packets").asLong());
                }
            }
        }
        return OptionalLong.empty();
    }

    /** {@code nft -j list <what>}, or empty when it does not exist. */
    private static Optional<JsonNode> list(Kernel kernel, String netns, String... what) throws KernelException {
        List<String> args = new ArrayList<>(List.of("-j", "list"));
        args.addAll(List.of(what));
        String json;
        try {
            json = kernel.run(command(netns, args.toArray(String[]::new)), null);
        } catch (KernelException e) {
            if (e.getMessage().contains("No such file or directory")) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            return Optional.of(JSON.readTree(json));
        } catch (IOException e) {
            throw new KernelException("cannot read nft's JSON: " + e.getMessage());
        }
    }

    private static String element(JsonNode e) {
        JsonNode value = e.has("elem") ? e.path("elem").path("val") : e; // an element with a counter or timeout
        if (value.has("concat")) {
            List<String> parts = new ArrayList<>();
            value.path("concat").forEach(p -> parts.add(p.asText()));
            return String.join(" . ", parts);
        }
        return value.asText();
    }

    private static List<String> command(String netns, String... args) {
        List<String> command = new ArrayList<>();
        if (netns != null) {
            command.addAll(List.of("ip", "netns", "exec", netns));
        }
        command.add("nft");
        command.addAll(List.of(args));
        return command;
    }
}
