package org.virtualwire.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes host ids. */
@Service
public class HostCompleter extends IdCompleter {
    @Override
    List<String> ids() {
        return wireService.hosts().stream().map(x -> x.id().toString()).toList();
    }
}
