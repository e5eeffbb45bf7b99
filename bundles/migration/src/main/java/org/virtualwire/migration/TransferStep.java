package org.virtualwire.migration;

import java.util.Locale;

import org.virtualwire.spi.TransferResult;

/** The host runtime moves the guest's execution: a container's NICs, a VM by live migration. */
public final class TransferStep {
    /**
     * @param m the migration
     * @throws Exception if the driver could not move the guest (it still runs at the source)
     */
    public void run(Migration m) throws Exception {
        m.step("transfer", () -> {
            TransferResult r = m.via.isEmpty() ? m.runtime.transfer(m.guest, m.from, m.to, m.nics, m.options)
                    : m.runtime.transfer(m.guest, m.from, m.to, m.nics, m.options, m.via.get(0), m.via.get(1));
            m.transferred = true;
            m.pauseMillis = r.pauseMillis();
            return r.detail() + String.format(Locale.ROOT, " (paused %.1f ms)", r.pauseMillis());
        });
    }
}
