package org.virtualwire.spi.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The Linux kernel as plug-ins see it: commands run ({@code ip}, {@code tc}, {@code bridge} in batches, {@code nft}
 * scripts as transactions) and what they ask of it (namespaces, links, nft set elements and counters). An
 * interface, injected where it is used, so that reconcilers can be tested without namespaces against a recording
 * fake (the core's test-jar has one, {@code RecordingKernel}); {@link LinuxKernel} is the real one.
 */
public interface Kernel {

    /** The group devices join to be deleted at once by {@link #deleteLinks}. */
    int DOOMED_GROUP = 77;

    /**
     * Runs a command and returns what it printed.
     *
     * @param command the command and its arguments
     * @param stdin text for its standard input, or null
     * @return its standard output
     * @throws KernelException if it exits with an error, naming the command and its error output
     */
    default String run(List<String> command, String stdin) throws KernelException {
        return run(command, stdin, 0);
    }

    /**
     * Runs a command and returns what it printed, taking some non-zero exit codes as success (ping exits 1
     * when packets were lost, with a whole output).
     *
     * @param command the command and its arguments
     * @param stdin text for its standard input, or null
     * @param highestOkExit the highest exit code that is not an error
     * @return its standard output
     * @throws KernelException if it exits above highestOkExit, naming the command and its error output
     */
    String run(List<String> command, String stdin, int highestOkExit) throws KernelException;

    /**
     * Runs a batch of {@code ip}, {@code tc} or {@code bridge} commands in one process; stops at the first failure.
     *
     * @param tool {@code ip}, {@code tc} or {@code bridge}
     * @param netns namespace to run in, or null for the current one
     * @param lines the commands, without the tool's name
     * @throws KernelException if a command failed
     */
    void batch(String tool, String netns, List<String> lines) throws KernelException;

    /**
     * Runs a batch of commands whose failures do not matter (removing what may already be gone): every
     * command is tried, errors are ignored.
     *
     * @param tool {@code ip} or {@code tc}
     * @param netns namespace to run in, or null for the current one
     * @param lines the commands, without the tool's name
     * @throws KernelException if the tool could not run at all
     */
    void batchTolerant(String tool, String netns, List<String> lines) throws KernelException;

    /**
     * Deletes devices in one kernel operation: they join a group that is then deleted at once, which the
     * kernel does in one pass (one by one costs about 28 ms a device here).
     *
     * @param netns namespace of the devices, or null for the current one
     * @param devices device names
     * @throws KernelException if the deletion failed
     */
    default void deleteLinks(String netns, List<String> devices) throws KernelException {
        if (devices.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        devices.forEach(d -> lines.add("link set dev " + d + " group " + DOOMED_GROUP));
        lines.add("link del group " + DOOMED_GROUP);
        batch("ip", netns, lines);
    }

    /**
     * Removes a network namespace (the devices in it go with it).
     *
     * @param name the namespace
     * @throws KernelException if the kernel refused
     */
    default void deleteNetns(String name) throws KernelException {
        run(List.of("ip", "netns", "del", name), null);
    }

    /**
     * Runs one command in a namespace through {@code ip netns exec}.
     *
     * @param netns the namespace
     * @param command the command
     * @return what it printed
     * @throws KernelException if it failed
     */
    default String exec(String netns, String... command) throws KernelException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        full.addAll(List.of(command));
        return run(full, null);
    }

    /**
     * @param name a namespace name
     * @return whether it exists
     */
    boolean netnsExists(String name);

    /**
     * @param prefix a name prefix
     * @return names of the namespaces that start with it, sorted
     */
    Set<String> netns(String prefix);

    /**
     * @param netns a namespace, or null for the current one
     * @return every link in it, with details and counters
     * @throws KernelException if the namespace cannot be read
     */
    List<Link> links(String netns) throws KernelException;

    /**
     * Runs an nft script as one transaction: all of it is applied, or nothing.
     *
     * @param netns the namespace, or null for the current one
     * @param lines the script's lines
     * @throws KernelException if nft refused it, with nft's error
     */
    void nftApply(String netns, List<String> lines) throws KernelException;

    /**
     * Reads the elements of an nft set (not the whole table: with a thousand counters beside them, that costs
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
    Optional<List<String>> nftElements(String netns, String family, String table, String set) throws KernelException;

    /**
     * Reads one named nft counter; cheaper than listing the table when it is large.
     *
     * @param netns the namespace, or null for the current one
     * @param family the table's family
     * @param table the table's name
     * @param counter the counter's name
     * @return the packets it counted, or empty if there is no such counter (or table)
     * @throws KernelException if nft could not run or its answer could not be read
     */
    OptionalLong nftCounter(String netns, String family, String table, String counter) throws KernelException;
}
