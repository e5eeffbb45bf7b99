package org.virtualwire.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes wire ids. */
@Service
public class WireCompleter extends IdCompleter {
    @Override
    List<String> ids() {
        return wireService.wires().stream().map(x -> x.id().toString()).toList();
    }
}
