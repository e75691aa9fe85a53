package io.synapserouter.launcher.container;

import io.synapserouter.core.config.ConfigException;
import io.synapserouter.launcher.container.internal.SpecReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated spec file: its containers by name, in file order, and the order they start in.
 *
 * @param source     the file it was read from (relative paths in it resolve against its directory)
 * @param containers the containers by name, in file order
 * @param startOrder every container, each after all it depends on ({@code after:}); file order otherwise
 */
public record SpecFile(Path source, Map<String, ContainerSpec> containers, List<String> startOrder) {

    public SpecFile {
        containers = OrderedMaps.copyOf(containers);
        startOrder = List.copyOf(startOrder);
    }

    /**
     * Reads and validates {@code file}, substituting {@code ${VAR}} from the environment.
     *
     * @throws ConfigException listing every problem, each with line, column and key path
     */
    public static SpecFile read(Path file) {
        return SpecReader.read(file, System.getenv());
    }

    /** Reads spec text that claims to come from {@code source} (relative paths resolve next to it). */
    public static SpecFile parse(String yaml, Path source) {
        return SpecReader.parse(yaml, source, System.getenv());
    }

    /** @throws ConfigException when the spec has no such container */
    public ContainerSpec container(String name) {
        ContainerSpec spec = containers.get(name);
        if (spec == null) {
            throw ConfigException.ofFile(source.toString(), "no container named '" + name + "' (the spec has: "
                    + String.join(", ", containers.keySet()) + ")");
        }
        return spec;
    }

    /** The containers in start order. */
    public List<ContainerSpec> inStartOrder() {
        return startOrder.stream().map(containers::get).toList();
    }
}
