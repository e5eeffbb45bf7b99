package org.virtualwire.migration.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Per-run figures of two methods side by side: min / median / p95 / max of each metric, as Markdown. */
final class Table {
    private final List<String> methods;
    private final Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
    private final Set<String> metrics = new LinkedHashSet<>();

    Table(List<String> methods) {
        this.methods = methods;
        methods.forEach(m -> values.put(m, new LinkedHashMap<>()));
    }

    void add(String method, Map<String, Double> run) {
        run.forEach((k, v) -> {
            metrics.add(k);
            if (!Double.isNaN(v)) {
                values.get(method).computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        });
    }

    String render() {
        StringBuilder b = new StringBuilder("| metric |");
        methods.forEach(m -> b.append(' ').append(m).append(": min / median / p95 / max |"));
        b.append("\n|---|").append("---|".repeat(methods.size())).append('\n');
        for (String k : metrics) {
            b.append("| ").append(k).append(" |");
            for (String m : methods) {
                List<Double> v = values.get(m).getOrDefault(k, List.of());
                b.append(v.isEmpty() ? " - |" : String.format(Locale.ROOT, " %s / **%s** / %s / %s |", f(q(v, 0)), f(q(v, .5)),
                        f(q(v, .95)), f(q(v, 1))));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Quantile with linear interpolation (as numpy's default and bench/migration.sh). */
    static double q(List<Double> values, double p) {
        List<Double> v = values.stream().sorted().toList();
        double k = (v.size() - 1) * p;
        int f = (int) k;
        int c = Math.min(f + 1, v.size() - 1);
        return v.get(f) + (v.get(c) - v.get(f)) * (k - f);
    }

    private static String f(double x) {
        return String.format(Locale.ROOT, Math.abs(x) >= 100 ? "%.0f" : "%.1f", x);
    }
}
