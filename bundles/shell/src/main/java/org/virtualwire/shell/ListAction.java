package org.virtualwire.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * A list command: one table row (or JSON object) per item.
 *
 * @param <T> the listed type
 */
public abstract class ListAction<T> extends VwAction {
    @Option(name = "--json", description = "Print a JSON array instead of a table")
    boolean json;

    @Override
    protected void run() throws Exception {
        List<T> items = items();
        if (json) {
            List<Map<String, Object>> objects = new ArrayList<>();
            for (T item : items) {
                objects.add(toJson(item));
            }
            printJson(objects);
            return;
        }
        ShellTable table = new ShellTable();
        columns().forEach(table::column);
        for (T item : items) {
            table.addRow().addContent(cells(item));
        }
        table.print(out());
    }

    /** @return the items, in the service's order */
    abstract List<T> items();

    /** @return the table's column headers */
    abstract List<String> columns();

    /** @return one table row, in the order of {@link #columns()} */
    abstract List<Object> cells(T item);

    /** @return one JSON object; a LinkedHashMap keeps the keys in a readable order */
    abstract Map<String, Object> toJson(T item);

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
