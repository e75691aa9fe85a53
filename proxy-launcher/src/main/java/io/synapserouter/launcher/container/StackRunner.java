package io.synapserouter.launcher.container;

import io.synapserouter.launcher.container.ContainerSpec.Dependency;
import io.synapserouter.launcher.docker.DockerEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code container up} and {@code down}: every container of a spec, in dependency order. {@code up}
 * runs them DETACHED: nothing supervises them afterwards and their output stays with the Engine's log
 * driver (use {@code container run} under systemd for supervision). Before each container it waits
 * for what it comes after (started, or healthy), bounded by the health timeout. {@code down} stops and
 * removes them in reverse order.
 */
public final class StackRunner {

    private static final Logger log = LoggerFactory.getLogger(StackRunner.class);

    private final ContainerLifecycle lifecycle;
    private final SpecFile spec;
    private final Duration waitTimeout;

    public StackRunner(DockerEngine engine, SpecFile spec, Duration waitTimeout) {
        this.lifecycle = new ContainerLifecycle(engine);
        this.spec = spec;
        this.waitTimeout = waitTimeout;
    }

    /** Brings every container up; returns their names in the order they were started. */
    public List<String> up() {
        List<String> started = new ArrayList<>();
        for (ContainerSpec container : spec.inStartOrder()) {
            for (Dependency dependency : container.after()) {
                log.info("{}: waiting for {} to be {}", container.name(), dependency.name(), dependency.waitFor().spelling());
                lifecycle.awaitCondition(dependency.name(), dependency.waitFor(), waitTimeout, true);
            }
            lifecycle.bringUp(container);
            started.add(container.name());
        }
        return started;
    }

    /** Stops and removes every container, dependents first; returns the names in that order. */
    public List<String> down() {
        List<String> order = new ArrayList<>(spec.startOrder());
        Collections.reverse(order);
        for (String name : order) {
            lifecycle.remove(name, spec.container(name).stopGrace());
            log.info("removed {}", name);
        }
        return order;
    }
}
