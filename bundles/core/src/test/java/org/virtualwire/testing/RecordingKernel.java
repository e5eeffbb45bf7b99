package org.virtualwire.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.virtualwire.spi.linux.Kernel;
import org.virtualwire.spi.linux.KernelException;
import org.virtualwire.spi.linux.Link;

/**
 * A {@link Kernel} for unit tests of reconcilers, without namespaces (OpenDaylight's recording
 * {@code TransactInvoker} is the model): it records every batch, script and command in order ({@link #calls()}),
 * and answers the queries from a small in-memory model that the recorded changes keep up to date: namespaces,
 * links ({@code ip link add/set/del} as the project writes them), nft tables' sets and counters. Tests seed the
 * model ({@link #addNetns}, {@link #addLink}, {@link #setCounter}), make commands fail ({@link #failOn}) and
 * check what was sent. Not thread-safe: one test, one thread.
 */
public final class RecordingKernel implements Kernel {

    /**
     * One thing sent to the kernel.
     *
     * @param tool {@code ip}, {@code tc}, {@code bridge}, {@code nft}, or the command's name for {@link #run}
     * @param netns its namespace, or null
     * @param lines the batch's or script's lines; for {@link #run}, the whole command line
     * @param tolerant whether it ran with errors ignored ({@link #batchTolerant})
     */
    public record Call(String tool, String netns, List<String> lines, boolean tolerant) {
    }

    private static final Pattern ELEMENTS = Pattern.compile("^(add|delete) element (\\S+) (\\S+) (\\S+) \\{ (.*) \\}$");
    private static final Pattern TABLE_BLOCK = Pattern.compile("^table (\\S+) (\\S+) \\{$");
    private static final Pattern NAMED_BLOCK = Pattern.compile("^(set|counter|map) (\\S+) \\{.*");

    private final List<Call> calls = new ArrayList<>();
    private final Set<String> namespaces = new TreeSet<>();
    private final Map<String, Map<String, Link>> links = new HashMap<>();
    private final Map<String, Set<String>> sets = new HashMap<>();
    private final Map<String, Long> counters = new HashMap<>();
    private final Map<String, String> groups = new HashMap<>();
    private final Map<String, String> answers = new HashMap<>();
    private final List<String> failing = new ArrayList<>();
    private int nextIndex = 1;

    // ----- seeding the model and reading what was recorded

    /** Adds a namespace. @return this */
    public RecordingKernel addNetns(String name) {
        namespaces.add(name);
        return this;
    }

    /**
     * Adds a device (its ifindex is given by the model).
     *
     * @param netns its namespace (added when missing), or null
     * @param name its name
     * @param kind {@code veth}, {@code vxlan}...
     * @return the link as the model holds it
     */
    public Link addLink(String netns, String name, String kind) {
        if (netns != null) {
            namespaces.add(netns);
        }
        Link l = new Link(name, nextIndex++, kind, "", 1500, true, "", 0, "", Link.Stats.ZERO);
        devices(netns).put(name, l);
        return l;
    }

    /** @return the device of that name in the namespace, or null */
    public Link link(String netns, String name) {
        return devices(netns).get(name);
    }

    /** Sets a counter's packets, as if the kernel had counted them (the counter is made when missing). */
    public void setCounter(String netns, String family, String table, String counter, long packets) {
        counters.put(key(netns, family, table, counter), packets);
    }

    /** {@link #run} of exactly this command prints {@code output} (otherwise it prints nothing). */
    public void answer(List<String> command, String output) {
        answers.put(String.join(" ", command), output);
    }

    /** Every later batch line, script line or command containing {@code fragment} fails, as the kernel would. */
    public void failOn(String fragment) {
        failing.add(fragment);
    }

    /** @return everything sent so far, in order */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** @return the lines sent so far with this tool to this namespace (null: the current one), in order */
    public List<String> lines(String tool, String netns) {
        List<String> out = new ArrayList<>();
        calls.stream().filter(c -> c.tool().equals(tool) && java.util.Objects.equals(c.netns(), netns))
                .forEach(c -> out.addAll(c.lines()));
        return out;
    }

    /** Forgets what was recorded (the model stays), so that a test can look at one pass alone. */
    public void clearCalls() {
        calls.clear();
    }

    // ----- Kernel

    @Override
    public String run(List<String> command, String stdin, int highestOkExit) throws KernelException {
        String line = String.join(" ", command);
        calls.add(new Call(command.get(0), null, List.of(line), false));
        check(line);
        if (command.size() == 4 && command.subList(0, 2).equals(List.of("ip", "netns"))) {
            switch (command.get(2)) {
                case "add" -> namespaces.add(command.get(3));
                case "del", "delete" -> {
                    namespaces.remove(command.get(3));
                    links.remove(command.get(3));
                }
                default -> { }
            }
        }
        return answers.getOrDefault(line, "");
    }

    @Override
    public void batch(String tool, String netns, List<String> lines) throws KernelException {
        if (lines.isEmpty()) {
            return;
        }
        calls.add(new Call(tool, netns, List.copyOf(lines), false));
        for (String l : lines) { // like -batch: what came before the failing line is done
            check(l);
            apply(tool, netns, l);
        }
    }

    @Override
    public void batchTolerant(String tool, String netns, List<String> lines) throws KernelException {
        if (lines.isEmpty()) {
            return;
        }
        calls.add(new Call(tool, netns, List.copyOf(lines), true));
        for (String l : lines) {
            if (failing.stream().noneMatch(l::contains)) {
                apply(tool, netns, l);
            }
        }
    }

    @Override
    public boolean netnsExists(String name) {
        return namespaces.contains(name);
    }

    @Override
    public Set<String> netns(String prefix) {
        Set<String> out = new TreeSet<>();
        namespaces.stream().filter(n -> n.startsWith(prefix)).forEach(out::add);
        return out;
    }

    @Override
    public List<Link> links(String netns) throws KernelException {
        if (netns != null && !namespaces.contains(netns)) {
            throw new KernelException("ip -n " + netns + " link show failed: Cannot open network namespace \""
                    + netns + "\": No such file or directory");
        }
        return List.copyOf(devices(netns).values());
    }

    @Override
    public void nftApply(String netns, List<String> lines) throws KernelException {
        if (lines.isEmpty()) {
            return;
        }
        calls.add(new Call("nft", netns, List.copyOf(lines), false));
        for (String l : lines) { // one transaction: all or nothing
            check(l);
        }
        String[] table = null;
        for (String raw : lines) {
            String l = raw.strip();
            Matcher m;
            if ((m = TABLE_BLOCK.matcher(l)).matches()) {
                table = new String[] {m.group(1), m.group(2)};
            } else if (table != null && (m = NAMED_BLOCK.matcher(l)).matches()) {
                if (m.group(1).equals("counter")) {
                    counters.put(key(netns, table[0], table[1], m.group(2)), 0L);
                } else {
                    sets.put(key(netns, table[0], table[1], m.group(2)), new LinkedHashSet<>());
                }
            } else if ((m = ELEMENTS.matcher(l)).matches()) {
                Set<String> set = sets.computeIfAbsent(key(netns, m.group(2), m.group(3), m.group(4)),
                        k -> new LinkedHashSet<>());
                for (String e : m.group(5).split(", ")) {
                    if (m.group(1).equals("add")) {
                        set.add(e);
                    } else {
                        set.remove(e);
                    }
                }
            } else if (l.startsWith("delete table ")) {
                String[] t = l.split(" ");
                String prefix = key(netns, t[2], t[3], "");
                sets.keySet().removeIf(k -> k.startsWith(prefix));
                counters.keySet().removeIf(k -> k.startsWith(prefix));
            } else if (l.startsWith("add counter ")) {
                String[] t = l.split(" ");
                counters.putIfAbsent(key(netns, t[2], t[3], t[4]), 0L);
            } else if (l.startsWith("delete counter ")) {
                String[] t = l.split(" ");
                counters.remove(key(netns, t[2], t[3], t[4]));
            }
        }
    }

    @Override
    public Optional<List<String>> nftElements(String netns, String family, String table, String set) {
        Set<String> elements = sets.get(key(netns, family, table, set));
        return elements == null ? Optional.empty() : Optional.of(List.copyOf(elements));
    }

    @Override
    public OptionalLong nftCounter(String netns, String family, String table, String counter) {
        Long packets = counters.get(key(netns, family, table, counter));
        return packets == null ? OptionalLong.empty() : OptionalLong.of(packets);
    }

    // ----- the model

    private void check(String line) throws KernelException {
        for (String f : failing) {
            if (line.contains(f)) {
                throw new KernelException(line + " failed (exit 2): refused by the test");
            }
        }
    }

    private Map<String, Link> devices(String netns) {
        return links.computeIfAbsent(netns == null ? "" : netns, k -> new LinkedHashMap<>());
    }

    private static String key(String netns, String family, String table, String name) {
        return (netns == null ? "" : netns) + "|" + family + "|" + table + "|" + name;
    }

    /** Keeps the model's links up to date with the {@code ip link} lines the project writes; others are only recorded. */
    private void apply(String tool, String netns, String line) {
        if (!tool.equals("ip")) {
            return;
        }
        List<String> t = tokens(line);
        if (t.size() >= 4 && t.subList(0, 3).equals(List.of("tuntap", "add", "dev"))) {
            devices(netns).put(t.get(3), new Link(t.get(3), nextIndex++, "tun", "", 1500, false, "", 0, "",
                    Link.Stats.ZERO));
            return;
        }
        if (t.size() < 3 || !t.get(0).equals("link")) {
            return;
        }
        Map<String, Link> devices = devices(netns);
        switch (t.get(1)) {
            case "add" -> add(netns, t);
            case "del" -> {
                if (t.get(2).equals("group")) {
                    devices.values().removeIf(l -> t.get(3).equals(groups.get(key(netns, "", "", l.name()))));
                } else {
                    devices.remove(t.get(t.get(2).equals("dev") ? 3 : 2));
                }
            }
            case "set" -> set(netns, t);
            default -> { }
        }
    }

    private void add(String netns, List<String> t) {
        String name = t.get(2);
        String kind = value(t, "type", "");
        int vni = Integer.parseInt(value(t, "id", "0"));
        boolean up = t.indexOf("up") > 0 && (!t.contains("peer") || t.indexOf("up") < t.indexOf("peer"));
        devices(netns).put(name, new Link(name, nextIndex++, kind, "", Integer.parseInt(value(t, "mtu", "1500")),
                up, "", vni, value(t, "remote", ""), Link.Stats.ZERO));
        if (kind.equals("veth") && t.contains("peer")) {
            String peer = value(t, "name", null);
            String peerNetns = t.lastIndexOf("netns") > t.indexOf("peer") ? t.get(t.lastIndexOf("netns") + 1) : netns;
            devices(peerNetns).put(peer, new Link(peer, nextIndex++, kind, "", 1500, false, "", 0, "", Link.Stats.ZERO));
        }
    }

    private void set(String netns, List<String> t) {
        int at = t.get(2).equals("dev") ? 3 : 2;
        Map<String, Link> devices = devices(netns);
        Link l = devices.get(t.get(at));
        if (l == null) {
            return;
        }
        String name = l.name();
        String alias = l.alias();
        String master = l.master();
        String remote = l.remote();
        String target = netns;
        int mtu = l.mtu();
        boolean up = l.up();
        for (int i = at + 1; i < t.size(); i++) {
            String next = i + 1 < t.size() ? t.get(i + 1) : "";
            switch (t.get(i)) {
                case "up" -> up = true;
                case "down" -> up = false;
                case "alias" -> alias = next;
                case "mtu" -> mtu = Integer.parseInt(next);
                case "master" -> master = next;
                case "nomaster" -> master = "";
                case "group" -> groups.put(key(netns, "", "", name), next);
                case "remote" -> remote = next;
                case "name" -> name = next;
                case "netns" -> target = next;
                default -> { }
            }
        }
        devices.remove(l.name());
        devices(target).put(name, new Link(name, l.ifindex(), l.kind(), alias, mtu, up, master, l.vni(), remote,
                l.stats()));
    }

    private static String value(List<String> t, String key, String otherwise) {
        int i = t.indexOf(key);
        return i < 0 || i + 1 >= t.size() ? otherwise : t.get(i + 1);
    }

    /** Splits a batch line into words; a double-quoted string is one word, without its quotes. */
    private static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }
}
