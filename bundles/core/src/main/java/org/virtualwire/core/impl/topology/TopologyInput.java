package org.virtualwire.core.impl.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.virtualwire.api.VirtualWireException;

/**
 * Reads a topology document within its {@link TopologyLimits}: only regular files (a device such as
 * {@code /dev/zero}, a FIFO or a directory is refused by name before it is opened), never more than the limit
 * plus one byte, checking for cancellation between chunks; and texts given whole (over JMX) by their size.
 */
final class TopologyInput {
    private static final int CHUNK = 64 * 1024;

    private TopologyInput() {
    }

    /**
     * @param file the file
     * @param limits its limits
     * @return its text
     * @throws VirtualWireException (field {@code file}) naming the file and what is wrong with it
     */
    static String read(Path file, TopologyLimits limits) {
        String name = file.toAbsolutePath().toString();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw refuse(name, "no such file");
        } catch (AccessDeniedException e) {
            throw refuse(name, "permission denied");
        } catch (IOException e) {
            throw refuse(name, e.toString());
        }
        if (attributes.isDirectory()) {
            throw refuse(name, "it is a directory, give a YAML file");
        }
        if (!attributes.isRegularFile()) {
            // a device or FIFO has no end (/dev/zero, /dev/urandom) or blocks until someone writes (a FIFO)
            throw refuse(name, "it is not a regular file (a device, FIFO or socket), give a YAML file");
        }
        if (attributes.size() > limits.maxBytes()) {
            throw refuse(name, tooLarge(attributes.size() + " bytes, over", limits));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = readAtMost(in, limits.maxBytes(), name);
        } catch (NoSuchFileException e) {
            throw refuse(name, "no such file");
        } catch (IOException e) {
            throw refuse(name, e.toString());
        }
        if (bytes.length > limits.maxBytes()) {
            // it grew after it was looked at
            throw refuse(name, tooLarge("larger than", limits));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw refuse(name, "it is not UTF-8 text (a topology file is YAML)");
        }
    }

    /**
     * @param yaml a document given as text
     * @param source its name
     * @param limits its limits
     * @throws VirtualWireException when it is larger than the limit in UTF-8
     */
    static void check(String yaml, String source, TopologyLimits limits) {
        if (utf8Length(yaml, limits.maxBytes()) > limits.maxBytes()) {
            throw new VirtualWireException("yaml", "topology " + source + " is not accepted: "
                    + tooLarge("larger than", limits));
        }
    }

    // reads up to max + 1 bytes: one more than allowed is enough to know the file is too large
    private static byte[] readAtMost(InputStream in, long max, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max + 1, CHUNK));
        byte[] chunk = new byte[CHUNK];
        long left = max + 1;
        while (left > 0) {
            Cancellation.check(name, "reading");
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (n < 0) {
                break;
            }
            out.write(chunk, 0, n);
            left -= n;
        }
        return out.toByteArray();
    }

    // counts UTF-8 bytes, stopping as soon as the count passes max
    private static long utf8Length(String text, long max) {
        long bytes = 0;
        for (int i = 0; i < text.length() && bytes <= max; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static String tooLarge(String size, TopologyLimits limits) {
        return "it is " + size + " the limit of " + limits.maxBytes() + " bytes (" + TopologyLimits.MAX_BYTES
                + " in " + TopologyLimits.WHERE + ")";
    }

    private static VirtualWireException refuse(String file, String why) {
        return new VirtualWireException("file", "cannot read topology file " + file + ": " + why);
    }
}
