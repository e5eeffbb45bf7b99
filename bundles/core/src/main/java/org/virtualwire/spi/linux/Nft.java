package org.virtualwire.spi.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs {@code nft} (nftables) in a namespace: a script as one transaction, and what one table holds. nft has
 * no {@code -n NETNS} of its own, so it runs through {@code ip netns exec}.
 */
public final class Nft {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Nft() {
    }

    /**
     * What a table holds that a plug-in keeps in step with its plan: its named counters and its sets' elements.
     *
     * @param counters packets counted, by counter name
     * @param sets elements by set name, each as nft writes it ({@code 198.18.0.1 . 7} for a concatenation)
     */
    public record Table(Map<String, Long> counters, Map<String, List<String>> sets) {
        /** Copies the maps. */
        public Table {
            counters = Map.copyOf(counters);
            sets = Map.copyOf(sets);
        }
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
     * @param netns the namespace, or null for the current one
     * @param family the table's family, e.g. {@code ip}
     * @param name the table's name
     * @return its counters and sets, or empty if there is no such table
     * @throws KernelException if nft could not run or its answer could not be read
     */
    public static Optional<Table> table(String netns, String family, String name) throws KernelException {
        String json;
        try {
            json = Kernel.run(command(netns, "-j", "list", "table", family, name), null);
        } catch (KernelException e) {
            if (e.getMessage().contains("No such file or directory")) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, Long> counters = new HashMap<>();
        Map<String, List<String>> sets = new HashMap<>();
        for (JsonNode item : read(json).path("nftables")) {
            JsonNode counter = item.path("counter");
            if (counter.isObject()) {
                counters.put(counter.path("name").asText(), counter.path("packets").asLong());
            }
            JsonNode set = item.path("set");
            if (set.isObject()) {
                List<String> elements = new ArrayList<>();
                set.path("elem").forEach(e -> elements.add(element(e)));
                sets.put(set.path("name").asText(), elements);
            }
        }
        return Optional.of(new Table(counters, sets));
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
        String json;
        try {
            json = Kernel.run(command(netns, "-j", "list", "counter", family, table, counter), null);
        } catch (KernelException e) {
            if (e.getMessage().contains("No such file or directory")) {
                return OptionalLong.empty();
            }
            throw e;
        }
        for (JsonNode item : read(json).path("nftables")) {
            if (item.path("counter").isObject()) {
                return OptionalLong.of(item.path("counter").path("packets").asLong());
            }
        }
        return OptionalLong.empty();
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

    private static JsonNode read(String json) throws KernelException {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new KernelException("cannot read nft's JSON: " + e.getMessage());
        }
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
