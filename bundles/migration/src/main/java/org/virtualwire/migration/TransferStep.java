package org.virtualwire.migration;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.ExchangeProperty;
import org.virtualwire.spi.TransferResult;

/** The host runtime moves the guest's execution: a container's NICs, a VM by live migration. */
public final class TransferStep {
    /**
     * @param r the migration
     * @param m its record
     * @return what the driver did: from here the guest runs at the destination
     * @throws Exception if the driver could not move the guest (it still runs at the source)
     */
    public TransferResult run(MigrationRequest r, @ExchangeProperty(MigrationRoute.RECORD) Migration m) throws Exception {
        AtomicReference<TransferResult> done = new AtomicReference<>();
        m.step("transfer", () -> {
            TransferResult t = r.via().isEmpty() ? r.runtime().transfer(r.guest(), r.from(), r.to(), r.nics(), r.options())
                    : r.runtime().transfer(r.guest(), r.from(), r.to(), r.nics(), r.options(), r.via().get(0), r.via().get(1));
            done.set(t);
            m.pauseMillis = t.pauseMillis();
            return t.detail() + String.format(Locale.ROOT, " (paused %.1f ms)", t.pauseMillis());
        });
        return done.get();
    }
}
