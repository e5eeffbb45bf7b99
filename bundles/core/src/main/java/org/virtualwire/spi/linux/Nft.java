package org.virtualwire.spi.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs {@code nft} (nftables) in a namespace: a script as one transaction, a set's elements, a counter. nft has
 * no {@code -n NETNS} of its own, so it runs through {@code ip netns exec}.
 */
public final class Nft {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Nft() {
    }

    /**
     * Runs an nft script as one transaction: all of it is applied, or nothing.
     *
     * @param netns the namespace, or null for the current one
     * @param lines the script's lines
     * @throws KernelException if nft refused it, with nft's error
     */
    public static void apply(String netns, List<String> lines) throws KernelException {
        if (!lines.isEmpty()) {
            Kernel.run(command(netns, "-f", "-"), String.join("\n", lines) + "\n");
        }
    }

    /**
     * Reads the elements of a set (not the whole table: with a thousand counters beside them, that costs
     * several times as much).
     *
     * @param netns the namespace, or null for the current one
     * @param family the table's family, e.g. {@code ip}
     * @param table the table's name
     * @param set the set's name
     * @return its elements, each as nft writes it ({@code 198.18.0.1 . 7} for a concatenation), or empty if
     *     there is no such set (or table)
     * @throws KernelException if nft could not run or its answer could not be read
     */
    public static Optional<List<String>> elements(String netns, String family, String table, String set)
            throws KernelException {
        Optional<JsonNode> json = list(netns, "set", family, table, set);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        List<String> elements = new ArrayList<>();
        for (JsonNode item : json.get().path("nftables")) {
            item.path("set").path("elem").forEach(e -> elements.add(element(e)));
        }
        return Optional.of(elements);
    }

    /**
     * Reads one named counter; cheaper than {@link #table} when the table is large.
     *
     * @param netns the namespace, or null for the current one
     * @param family the table's family
     * @param table the table's name
     * @param counter the counter's name
     * @return the packets it counted, or empty if there is no such counter (or table)
     * @throws KernelException if nft could not run or its answer could not be read
     */
    public static OptionalLong counter(String netns, String family, String table, String counter)
            throws KernelException {
        Optional<JsonNode> json = list(netns, "counter", family, table, counter);
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
    private static Optional<JsonNode> list(String netns, String... what) throws KernelException {
        List<String> args = new ArrayList<>(List.of("-j", "list"));
        args.addAll(List.of(what));
        String json;
        try {
            json = Kernel.run(command(netns, args.toArray(String[]::new)), null);
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
