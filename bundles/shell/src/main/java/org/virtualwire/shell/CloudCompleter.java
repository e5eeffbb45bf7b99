package org.virtualwire.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes cloud ids. */
@Service
public class CloudCompleter extends IdCompleter {
    @Override
    List<String> ids() {
        return wireService.clouds().stream().map(x -> x.id().toString()).toList();
    }
}
