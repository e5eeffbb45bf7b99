package org.virtualwire.gateway.crypto;

import java.security.SecureRandom;
import java.util.List;

/**
 * The cryptographic state between this gateway and one peer: the sealing key of this direction with its
 * sequence counter, and for each configured key id the opening keys of the other direction with a replay
 * window. Made once per gateway run from the {@link KeyRing}, and kept across table changes, so that a table
 * swap neither restarts sequence numbers nor forgets which packets were seen.
 */
public final class PeerLink {

    private final Outbound outbound;
    private final InboundKey[] inbound;

    private PeerLink(Outbound outbound, InboundKey[] inbound) {
        this.outbound = outbound;
        this.inbound = inbound;
    }

    /**
     * @param keys the pair's keys, sealing key first; not empty
     * @param self this gateway's public address
     * @param peer the peer's public address
     * @param suite the suite this gateway seals with
     * @param clock the start time of this run and the clock skew allowed between gateways
     * @param random source of the epoch
     * @return the link
     */
    public static PeerLink create(List<PairKey> keys, long self, long peer, CipherSuite suite, StartClock clock,
            SecureRandom random) {
        PairKey first = keys.get(0);
        Outbound out = new Outbound(suite, first.id(),
                Hkdf.directionKey(first.secret(), self, peer, first.id(), suite), random.nextInt(),
                clock.firstSequence());
        InboundKey[] in = keys.stream().map(k -> new InboundKey(k.id(),
                Hkdf.directionKey(k.secret(), peer, self, k.id(), CipherSuite.AES_GCM),
                Hkdf.directionKey(k.secret(), peer, self, k.id(), CipherSuite.CHACHA20_POLY1305),
                clock.replayFloor())).toArray(InboundKey[]::new);
        return new PeerLink(out, in);
    }

    Outbound outbound() {
        return outbound;
    }

    /** @return the key with this id, or null; a linear scan of the one or two configured keys */
    InboundKey inbound(int keyId) {
        for (InboundKey k : inbound) {
            if (k.keyId == keyId) {
                return k;
            }
        }
        return null;
    }

    /** @return the suite this gateway seals with toward the peer */
    public CipherSuite suite() {
        return outbound.suite;
    }
}
