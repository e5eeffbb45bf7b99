package org.virtualwire.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes endpoint ids. */
@Service
public class EndpointCompleter extends IdCompleter {
    @Override
    List<String> ids() {
        return wireService.endpoints().stream().map(x -> x.id().toString()).toList();
    }
}
