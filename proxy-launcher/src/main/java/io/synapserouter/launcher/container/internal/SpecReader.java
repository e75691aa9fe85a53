package io.synapserouter.launcher.container.internal;

import io.synapserouter.core.config.ConfigException;
import io.synapserouter.core.config.ConfigList;
import io.synapserouter.core.config.ConfigMap;
import io.synapserouter.core.config.ConfigNode;
import io.synapserouter.core.config.ConfigProblem;
import io.synapserouter.core.config.ConfigProblems;
import io.synapserouter.core.config.ConfigSection;
import io.synapserouter.core.config.YamlConfigReader;
import io.synapserouter.launcher.container.ContainerSpec;
import io.synapserouter.launcher.container.ContainerSpec.Dependency;
import io.synapserouter.launcher.container.ContainerSpec.HealthCheckSpec;
import io.synapserouter.launcher.container.ContainerSpec.LogDriverSpec;
import io.synapserouter.launcher.container.ContainerSpec.MountSpec;
import io.synapserouter.launcher.container.ContainerSpec.NetworkSpec;
import io.synapserouter.launcher.container.ContainerSpec.WaitFor;
import io.synapserouter.launcher.container.DependencyOrder;
import io.synapserouter.launcher.container.PortSpec;
import io.synapserouter.launcher.container.SpecFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a spec file into validated records with the config machinery of {@code core.config}: every
 * mistake in the file is reported at once, each with file, line, column and key path, and
 * {@code ${VAR}} / {@code ${VAR:-default}} are substituted in values.
 */
public final class SpecReader {

    private static final List<String> TOP = List.of("containers");
    private static final List<String> CONTAINER = List.of("image", "entrypoint", "command", "env", "env_file", "user",
            "read_only", "cap_drop", "cap_add", "tmpfs", "mounts", "labels", "label_file", "ports", "networks", "health",
            "stop_grace", "log_driver", "after");
    private static final List<String> HEALTH = List.of("test", "interval", "timeout", "retries", "start_period");
    private static final List<String> MOUNT = List.of("type", "source", "target", "read_only");
    private static final List<String> NETWORK = List.of("name", "aliases");
    private static final List<String> LOG_DRIVER = List.of("type", "options");
    private static final List<String> AFTER = List.of("name", "wait");

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern CAPABILITY = Pattern.compile("[A-Za-z_]+");
    private static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

    private final ConfigProblems problems = new ConfigProblems();
    private final Path baseDir;

    private SpecReader(Path source) {
        Path parent = source.toAbsolutePath().normalize().getParent();
        this.baseDir = parent == null ? Path.of("/") : parent;
    }

    /** @throws ConfigException listing every problem of the file */
    public static SpecFile read(Path file, Map<String, String> env) {
        return new SpecReader(file).build(YamlConfigReader.read(file, env), file);
    }

    /** @throws ConfigException listing every problem of the text */
    public static SpecFile parse(String yaml, Path source, Map<String, String> env) {
        return new SpecReader(source).build(YamlConfigReader.read(yaml, source.toString(), env), source);
    }

    private SpecFile build(ConfigMap root, Path source) {
        ConfigSection.of(root, TOP, problems);
        ConfigMap containersMap = problems.attempt(() -> root.require("containers",
                "a map of container name → its settings").asMap(), null);
        if (containersMap == null) {
            problems.throwIfAny();
        }
        if (containersMap.isEmpty()) {
            problems.add(containersMap.problem("no containers defined"));
        }
        Map<String, ContainerSpec> containers = new LinkedHashMap<>();
        containersMap.values().forEach((name, node) -> {
            if (!NAME.matcher(name).matches()) {
                problems.add(containersMap.keyNode(name).problem(
                        "not a valid container name (letters, digits, _ . -; starting with a letter or digit)"));
                return;
            }
            ConfigMap map = problems.attempt(node::asMap, null);
            if (map != null) {
                ContainerSpec spec = container(name, map);
                if (spec != null) {
                    containers.put(name, spec);
                }
            }
        });
        problems.throwIfAny();

        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        containers.forEach((name, spec) -> {
            List<String> names = new ArrayList<>();
            for (Dependency dependency : spec.after()) {
                ConfigNode at = containersMap.get(name).asMap().get("after");
                if (!containers.containsKey(dependency.name())) {
                    problems.add(at.problem("'" + dependency.name() + "' is not a container of this file (it has: "
                            + String.join(", ", containers.keySet()) + ")"));
                } else if (dependency.name().equals(name)) {
                    problems.add(at.problem("a container cannot come after itself"));
                } else {
                    names.add(dependency.name());
                }
            }
            dependencies.put(name, names);
        });
        problems.throwIfAny();
        List<String> order;
        try {
            order = DependencyOrder.of(dependencies);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(new ConfigProblem(containersMap.source(), containersMap.line(), containersMap.column(),
                    "containers.*.after", e.getMessage()));
        }
        return new SpecFile(source.toAbsolutePath().normalize(), containers, order);
    }

    /** One container, or null when it had problems (recorded). */
    private ContainerSpec container(String name, ConfigMap map) {
        boolean restart = map.has("restart");
        if (restart) {
            problems.add(map.keyNode("restart").problem("not supported: systemd restarts the container (the generated"
                    + " unit has Restart=always), so the Engine must not restart it behind systemd's back"));
        }
        List<String> known = new ArrayList<>(CONTAINER);
        if (restart) {
            known.add("restart"); // reported above, with the reason
        }
        ConfigSection c = ConfigSection.of(map, known, problems);
        String image = c.require("image", "the image to run, e.g. ghcr.io/element-hq/synapse:v1.120.2", ConfigNode::asText);
        List<String> entrypoint = c.get("entrypoint", SpecReader::strings, null);
        List<String> command = c.get("command", SpecReader::strings, List.of());
        Map<String, String> env = c.get("env", SpecReader::stringMap, Map.of());
        List<Path> envFiles = c.get("env_file", n -> paths(n), List.of());
        String user = c.get("user", ConfigNode::asText, null);
        boolean readOnly = c.bool("read_only", false);
        List<String> capDrop = c.get("cap_drop", SpecReader::capabilities, List.of());
        List<String> capAdd = c.get("cap_add", SpecReader::capabilities, List.of());
        Map<String, String> tmpfs = c.get("tmpfs", SpecReader::tmpfs, Map.of());
        List<MountSpec> mounts = c.get("mounts", this::mounts, List.of());
        Map<String, String> labels = c.get("labels", SpecReader::stringMap, Map.of());
        List<Path> labelFiles = c.get("label_file", n -> paths(n), List.of());
        List<PortSpec> ports = c.get("ports", SpecReader::ports, List.of());
        List<NetworkSpec> networks = c.get("networks", n -> networks(n, ports), List.of(new NetworkSpec("bridge", List.of())));
        HealthCheckSpec health = c.get("health", SpecReader::health, null);
        Duration stopGrace = c.duration("stop_grace", DEFAULT_STOP_GRACE);
        LogDriverSpec logDriver = c.get("log_driver", SpecReader::logDriver, null);
        List<Dependency> after = c.get("after", SpecReader::after, List.of());
        if (image == null) {
            return null;
        }
        return new ContainerSpec(name, image, entrypoint, command, env, envFiles, user, readOnly, capDrop, capAdd,
                tmpfs, mounts, labels, labelFiles, ports, networks, health, stopGrace, logDriver, after);
    }

    private static List<String> strings(ConfigNode node) {
        List<String> out = new ArrayList<>();
        for (ConfigNode item : node.asList().items()) {
            out.add(item.asText());
        }
        return out;
    }

    /** One string or a list of them. */
    private static List<String> oneOrMore(ConfigNode node) {
        return node instanceof ConfigList ? strings(node) : List.of(node.asText());
    }

    private List<Path> paths(ConfigNode node) {
        return oneOrMore(node).stream().map(this::resolve).toList();
    }

    private static Map<String, String> stringMap(ConfigNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.asMap().values().forEach((key, value) -> {
            if (value.isNull()) {
                throw value.error("a value is required (write \"\" for an empty one)");
            }
            out.put(key, value.asText());
        });
        return out;
    }

    private static List<String> capabilities(ConfigNode node) {
        List<String> caps = strings(node);
        for (int i = 0; i < caps.size(); i++) {
            if (!CAPABILITY.matcher(caps.get(i)).matches()) {
                throw node.asList().items().get(i).error("'" + caps.get(i) + "' is not a capability name (like ALL or NET_BIND_SERVICE)");
            }
        }
        return caps;
    }

    /** A map (path: options) or a list of {@code path[:options]}. */
    private static Map<String, String> tmpfs(ConfigNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node instanceof ConfigList list) {
            for (ConfigNode item : list.items()) {
                String text = item.asText();
                int colon = text.indexOf(':');
                String path = colon < 0 ? text : text.substring(0, colon);
                absolute(item, path);
                out.put(path, colon < 0 ? "" : text.substring(colon + 1));
            }
        } else {
            ConfigMap map = node.asMap();
            map.values().forEach((path, options) -> {
                absolute(map.keyNode(path), path);
                out.put(path, options.isNull() ? "" : options.asText());
            });
        }
        return out;
    }

    /** Mappings (type, source, target, read_only) or {@code source:target[:ro]} strings (bind mounts). */
    private List<MountSpec> mounts(ConfigNode node) {
        List<MountSpec> out = new ArrayList<>();
        for (ConfigNode item : node.asList().items()) {
            MountSpec mount;
            if (item instanceof ConfigMap map) {
                map.allowOnly(MOUNT);
                String type = map.find("type").map(t -> t.asChoice(List.of("bind", "volume"))).orElse("bind");
                mount = new MountSpec(type, map.require("source", "a host path (bind) or a volume name").asText(),
                        map.require("target", "the absolute path inside the container").asText(),
                        map.find("read_only").map(ConfigNode::asBoolean).orElse(false));
            } else {
                String[] parts = item.asText().split(":");
                if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw"))) {
                    throw item.error("expected source:target[:ro], or a map with type, source, target, read_only");
                }
                mount = new MountSpec("bind", parts[0], parts[1], parts.length == 3 && parts[2].equals("ro"));
            }
            absolute(item, mount.target());
            if (mount.type().equals("bind")) {
                // The Engine wants absolute bind sources; relative ones mean "next to the spec file".
                mount = new MountSpec("bind", resolve(mount.source()).toString(), mount.target(), mount.readOnly());
            }
            out.add(mount);
        }
        return out;
    }

    private static List<PortSpec> ports(ConfigNode node) {
        List<PortSpec> out = new ArrayList<>();
        for (ConfigNode item : node.asList().items()) {
            out.add(item.convert("a port like 127.0.0.1:8008:8008", PortSpec::parse));
        }
        return out;
    }

    /** Names, or maps with name and aliases; the first is primary. */
    private static List<NetworkSpec> networks(ConfigNode node, List<PortSpec> ports) {
        List<ConfigNode> items = node.asList().items();
        if (items.isEmpty()) {
            throw node.error("list at least one network (the first is primary), or leave the key out for bridge");
        }
        List<NetworkSpec> out = new ArrayList<>();
        for (ConfigNode item : items) {
            NetworkSpec network;
            if (item instanceof ConfigMap map) {
                map.allowOnly(NETWORK);
                network = new NetworkSpec(map.require("name", "the network's name").asText(),
                        map.find("aliases").map(SpecReader::strings).orElse(List.of()));
            } else {
                network = new NetworkSpec(item.asText(), List.of());
            }
            if (out.stream().anyMatch(n -> n.name().equals(network.name()))) {
                throw item.error("network '" + network.name() + "' is listed twice");
            }
            if (network.isHostOrNone()) {
                if (items.size() > 1) {
                    throw item.error("'" + network.name() + "' cannot be combined with other networks");
                }
                if (!network.aliases().isEmpty()) {
                    throw item.error("'" + network.name() + "' takes no aliases");
                }
                if (!ports.isEmpty()) {
                    throw item.error("ports cannot be published with network '" + network.name() + "'");
                }
            }
            out.add(network);
        }
        return out;
    }

    private static HealthCheckSpec health(ConfigNode node) {
        ConfigMap map = node.asMap();
        map.allowOnly(HEALTH);
        ConfigNode testNode = map.require("test", "a shell command, or [CMD, program, args…]");
        List<String> test;
        if (testNode instanceof ConfigList) {
            test = strings(testNode);
            String kind = test.isEmpty() ? "" : test.get(0);
            boolean valid = (kind.equals("CMD") && test.size() >= 2) || (kind.equals("CMD-SHELL") && test.size() == 2)
                    || (kind.equals("NONE") && test.size() == 1);
            if (!valid) {
                throw testNode.error("expected a shell command string, [CMD, program, args…], [CMD-SHELL, command] or [NONE]");
            }
        } else {
            String command = testNode.asText();
            test = command.equals("NONE") ? List.of("NONE") : List.of("CMD-SHELL", command);
        }
        return new HealthCheckSpec(test,
                map.find("interval").map(ConfigNode::asPositiveDuration).orElse(null),
                map.find("timeout").map(ConfigNode::asPositiveDuration).orElse(null),
                map.find("retries").map(n -> n.asInt(1, 1_000)).orElse(0),
                map.find("start_period").map(ConfigNode::asDuration).orElse(null));
    }

    /** A driver name, or a map with type and options. */
    private static LogDriverSpec logDriver(ConfigNode node) {
        if (node instanceof ConfigMap map) {
            map.allowOnly(LOG_DRIVER);
            return new LogDriverSpec(map.require("type", "the log driver, e.g. none or journald").asText(),
                    map.find("options").map(SpecReader::stringMap).orElse(Map.of()));
        }
        return new LogDriverSpec(node.asText(), Map.of());
    }

    /** Names (wait until started), or maps with name and wait (started or healthy). */
    private static List<Dependency> after(ConfigNode node) {
        List<Dependency> out = new ArrayList<>();
        for (ConfigNode item : node.asList().items()) {
            if (item instanceof ConfigMap map) {
                map.allowOnly(AFTER);
                WaitFor wait = map.find("wait").map(w -> w.asEnum(WaitFor.class)).orElse(WaitFor.STARTED);
                out.add(new Dependency(map.require("name", "the container to wait for").asText(), wait));
            } else {
                out.add(new Dependency(item.asText(), WaitFor.STARTED));
            }
        }
        return out;
    }

    private static void absolute(ConfigNode at, String path) {
        if (!path.startsWith("/")) {
            throw at.error("'" + path + "' must be an absolute path");
        }
    }

    private Path resolve(String path) {
        return baseDir.resolve(path).normalize();
    }
}
