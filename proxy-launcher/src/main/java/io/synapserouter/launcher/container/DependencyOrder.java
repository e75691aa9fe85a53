package io.synapserouter.launcher.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders containers so each comes after everything it lists in {@code after:}; among independent ones
 * the given order is kept, so the result is stable. A cycle is an error that spells the cycle out.
 */
public final class DependencyOrder {

    private DependencyOrder() {
    }

    /**
     * @param dependencies each name → the names it must come after, in the order to keep
     * @throws IllegalArgumentException on an unknown name or a cycle
     */
    public static List<String> of(Map<String, List<String>> dependencies) {
        Map<String, Integer> state = new LinkedHashMap<>(); // absent: unvisited, 1: on the path, 2: placed
        List<String> order = new ArrayList<>();
        for (String name : dependencies.keySet()) {
            visit(name, dependencies, state, new LinkedHashSet<>(), order);
        }
        return order;
    }

    private static void visit(String name, Map<String, List<String>> dependencies, Map<String, Integer> state,
                              Set<String> path, List<String> order) {
        Integer seen = state.get(name);
        if (seen != null && seen == 2) {
            return;
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>(path);
            cycle = cycle.subList(cycle.indexOf(name), cycle.size());
            cycle.add(name);
            throw new IllegalArgumentException("dependency cycle: " + String.join(" → ", cycle));
        }
        state.put(name, 1);
        path.add(name);
        for (String dependency : dependencies.get(name)) {
            if (!dependencies.containsKey(dependency)) {
                throw new IllegalArgumentException("'" + name + "' comes after '" + dependency + "', which is not defined");
            }
            visit(dependency, dependencies, state, path, order);
        }
        path.remove(name);
        state.put(name, 2);
        order.add(name);
    }
}
