package org.virtualwire.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes guest ids. */
@Service
public class GuestCompleter extends IdCompleter {
    @Override
    List<String> ids() {
        return wireService.guests().stream().map(x -> x.id().toString()).toList();
    }
}
