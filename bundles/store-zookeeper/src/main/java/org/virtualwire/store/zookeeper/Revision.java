package org.virtualwire.store.zookeeper;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.virtualwire.spi.EntityJson;

/**
 * The content of {@code <root>/revision}, written last by every commit (compare-and-set on its znode version).
 * Entities carry the generation that wrote them; a reader takes an entity's {@code value} when its generation is
 * committed ({@code <= gen}) and its {@code prev} otherwise, so a commit split into several ZooKeeper transactions
 * is seen whole or not at all.
 *
 * @param revision the committed revision of the desired state
 * @param gen the generation of the commit that stored it (the revision znode's version when that commit began, + 1)
 * @param count how many entity znodes that commit wrote (a reader whose mirror holds fewer has not seen it all yet)
 * @param pending the generation of a commit under way in several transactions, or 0
 */
record Revision(long revision, long gen, long count, long pending) {
    static final Revision EMPTY = new Revision(0, 0, 0, 0);

    byte[] bytes() {
        ObjectNode n = EntityJson.JSON.createObjectNode().put("revision", revision).put("gen", gen).put("count", count);
        if (pending != 0) {
            n.put("pending", pending);
        }
        return Entity.bytes(n);
    }

    static Revision parse(byte[] data) {
        if (data == null || data.length == 0) {
            return EMPTY;
        }
        try {
            JsonNode n = EntityJson.JSON.readTree(data);
            return new Revision(n.path("revision").asLong(), n.path("gen").asLong(), n.path("count").asLong(),
                    n.path("pending").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable revision znode", e);
        }
    }
}
