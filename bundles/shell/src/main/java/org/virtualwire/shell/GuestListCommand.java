package org.virtualwire.shell;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtualwire.api.Guest;
import org.virtualwire.api.GuestKind;
import org.virtualwire.api.VmImage;

/** {@code vw:guest-list}. */
@Service
@Command(scope = "vw", name = "guest-list", description = "List the guests")
public class GuestListCommand extends ListAction<Guest> {
    @Override
    List<Guest> items() {
        return wireService.guests();
    }

    @Override
    List<String> columns() {
        return List.of("Name", "Kind", "Host", "Image");
    }

    @Override
    List<Object> cells(Guest g) {
        return List.of(g.id().name(), g.kind().label(), g.host().name(), image(g));
    }

    /** Short enough for a table: the kernel's file name, {@code +initrd}, {@code +disk}; the full paths are in --json. */
    static String image(Guest g) {
        VmImage i = g.image();
        if (i == null) {
            return g.kind() == GuestKind.VM ? "default" : "";
        }
        String kernel = i.kernel() == null ? "default" : Path.of(i.kernel()).getFileName().toString();
        return kernel + (i.initrd() == null ? "" : " +initrd") + (i.disk() == null ? "" : " +disk");
    }

    @Override
    Map<String, Object> toJson(Guest g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", g.id().name());
        m.put("kind", g.kind().label());
        m.put("host", g.host().name());
        m.put("routes", g.routes().stream().map(Object::toString).toList());
        if (g.image() != null) {
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("kernel", g.image().kernel());
            image.put("initrd", g.image().initrd());
            image.put("disk", g.image().disk());
            m.put("image", image);
        }
        return m;
    }
}
