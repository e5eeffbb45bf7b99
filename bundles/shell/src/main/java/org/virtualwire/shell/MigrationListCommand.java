package org.virtualwire.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.MigrationRecord;
import org.virtualwire.api.MigrationService;
import org.virtualwire.api.MigrationStep;
import org.virtualwire.api.VirtualWireException;

/** {@code vw:migration-list [--json]}: every migration, oldest first; JSON adds the steps. */
@Service
@Command(scope = "vw", name = "migration-list", description = "List the migrations with their outcome, total time and pause")
public class MigrationListCommand extends ListAction<MigrationRecord> {
    /** Optional: Karaf holds back every command of this bundle until each mandatory reference is there. */
    @Reference(optional = true)
    MigrationService migrations;

    @Override
    List<MigrationRecord> items() {
        return require(migrations).history();
    }

    /**
     * @param migrations the migration service or null
     * @return it
     * @throws VirtualWireException saying what to install, if it is null
     */
    static MigrationService require(MigrationService migrations) {
        if (migrations == null) {
            throw new VirtualWireException(null, "live migration is not installed: feature:install virtualwire-migration");
        }
        return migrations;
    }

    @Override
    List<String> columns() {
        return List.of("Id", "Guest", "From", "To", "Outcome", "Total (ms)", "Pause (ms)", "Error");
    }

    @Override
    List<Object> cells(MigrationRecord r) {
        return List.of(r.id(), r.guest().name(), r.from().name(), r.to().name(), r.outcome().name(),
                millis(r.totalMillis()), millis(r.pauseMillis()), r.error());
    }

    @Override
    Map<String, Object> toJson(MigrationRecord r) {
        return json(r);
    }

    /** @return the record as a JSON object, steps included; also used by {@code vw:guest-migrate --json} */
    static Map<String, Object> json(MigrationRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("guest", r.guest().name());
        m.put("from", r.from().name());
        m.put("to", r.to().name());
        m.put("started", r.started().toString());
        m.put("outcome", r.outcome().name());
        m.put("totalMillis", r.totalMillis());
        m.put("pauseMillis", r.pauseMillis());
        m.put("error", r.error());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (MigrationStep s : r.steps()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("name", s.name());
            step.put("millis", s.millis());
            step.put("detail", s.detail());
            steps.add(step);
        }
        m.put("steps", steps);
        return m;
    }

    /** @return milliseconds with one decimal, or "-" for an unknown value (a pause no driver reported) */
    static String millis(double value) {
        return value < 0 ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
