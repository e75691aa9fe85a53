package io.synapserouter.launcher.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyOrderTest {

    @Test
    void everyContainerComesAfterItsDependenciesAndFileOrderIsKeptOtherwise() {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        deps.put("router", List.of("sync", "reader"));
        deps.put("sync", List.of("synapse"));
        deps.put("redis", List.of());
        deps.put("reader", List.of("synapse"));
        deps.put("synapse", List.of("redis"));
        List<String> order = DependencyOrder.of(deps);
        assertThat(order).containsExactly("redis", "synapse", "sync", "reader", "router");
    }

    @Test
    void aCycleIsSpelledOut() {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        deps.put("a", List.of("b"));
        deps.put("b", List.of("c"));
        deps.put("c", List.of("a"));
        deps.put("d", List.of());
        assertThatThrownBy(() -> DependencyOrder.of(deps)).hasMessage("dependency cycle: a → b → c → a");
    }

    @Test
    void anUndefinedDependencyIsNamed() {
        assertThatThrownBy(() -> DependencyOrder.of(Map.of("a", List.of("ghost"))))
                .hasMessageContaining("'ghost', which is not defined");
    }
}
