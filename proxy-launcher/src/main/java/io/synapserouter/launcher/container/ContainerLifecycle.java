package io.synapserouter.launcher.container;

import io.synapserouter.launcher.container.ContainerSpec.NetworkSpec;
import io.synapserouter.launcher.container.ContainerSpec.WaitFor;
import io.synapserouter.launcher.container.internal.CreateRequest;
import io.synapserouter.launcher.docker.ContainerInfo;
import io.synapserouter.launcher.docker.DockerEngine;
import io.synapserouter.launcher.docker.DockerException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three steps that give a container all of its networks at its first instant: create it on its
 * primary network, connect every other network, then start it (MDAD's systemd units, done through the
 * Engine API). Before that, any stale container of the same name is stopped, removed, and waited for
 * until the Engine no longer knows it, which also covers a {@code --rm} removal still in progress.
 * A failure after create removes the new container: nothing is left half-created.
 */
public final class ContainerLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ContainerLifecycle.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration WAIT_POLL = Duration.ofMillis(250);
    private static final Duration RETRY_REMOVE = Duration.ofSeconds(1);
    /** How long a removal may take once the container has stopped. */
    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(30);

    private final DockerEngine engine;
    private final Map<String, String> environment;

    public ContainerLifecycle(DockerEngine engine) {
        this(engine, System.getenv());
    }

    /** @param environment where env files' bare {@code KEY} lines take their values from */
    public ContainerLifecycle(DockerEngine engine, Map<String, String> environment) {
        this.engine = engine;
        this.environment = environment;
    }

    /** Removes a stale container, creates, connects and starts: returns the new container's id. */
    public String bringUp(ContainerSpec spec) {
        removeStale(spec.name(), spec.stopGrace());
        String id = create(spec);
        start(spec, id);
        return id;
    }

    /** Stops (with grace) and removes any container named {@code name}, and waits until it is gone. */
    public void removeStale(String name, Duration grace) {
        Optional<ContainerInfo> existing = engine.inspectContainer(name);
        if (existing.isPresent()) {
            log.info("removing stale container {} (status {})", name, existing.get().status());
            remove(name, grace);
        }
    }

    /**
     * Stops {@code name} with {@code grace} (SIGTERM, then SIGKILL once the grace is over), removes it
     * and waits until the Engine answers 404 for it. Gone already, or being removed already, is fine.
     */
    public void remove(String name, Duration grace) {
        Optional<ContainerInfo> info = engine.inspectContainer(name);
        if (info.isEmpty()) {
            return;
        }
        if (info.get().running()) {
            engine.stopContainer(name, grace);
        }
        engine.removeContainer(name, true);
        awaitGone(name);
    }

    private void awaitGone(String name) {
        long deadline = System.nanoTime() + GONE_TIMEOUT.toNanos();
        long nextRemove = System.nanoTime() + RETRY_REMOVE.toNanos();
        while (true) {
            Optional<ContainerInfo> info = engine.inspectContainer(name);
            if (info.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (now - deadline > 0) {
                throw new IllegalStateException("container " + name + " is still there " + GONE_TIMEOUT.toSeconds()
                        + " s after its removal (status " + info.get().status() + ")");
            }
            if (!info.get().status().equals("removing") && now - nextRemove > 0) {
                // Someone may have restarted it, or a removal failed half-way: ask again.
                engine.removeContainer(name, true);
                nextRemove = now + RETRY_REMOVE.toNanos();
            }
            sleep(POLL);
        }
    }

    /**
     * Creates the container on its primary network (with aliases) and connects every other network.
     * A name still in use (a removal that lost a race) is cleared once and retried. Every network must
     * exist already.
     */
    public String create(ContainerSpec spec) {
        // The Engine accepts connecting a created (not yet running) container to a network that does
        // not exist and only fails at start; checking first gives the clear error before anything exists.
        for (NetworkSpec network : spec.networks()) {
            if (!engine.networkExists(network.name())) {
                throw new DockerException("create container '" + spec.name() + "'", 404, "network '" + network.name()
                        + "' does not exist (docker network create " + network.name() + " first)");
            }
        }
        String id;
        try {
            id = engine.createContainer(spec.name(), CreateRequest.of(spec, environment));
        } catch (DockerException e) {
            if (!e.isConflict()) {
                throw e;
            }
            log.info("name {} still in use: removing the old container and retrying once", spec.name());
            remove(spec.name(), spec.stopGrace());
            id = engine.createContainer(spec.name(), CreateRequest.of(spec, environment));
        }
        try {
            for (NetworkSpec network : spec.extraNetworks()) {
                engine.connectNetwork(network.name(), id, network.aliases());
            }
        } catch (RuntimeException e) {
            discard(spec.name(), id, e);
            throw e;
        }
        log.info("created {} ({}) on {}", spec.name(), shortId(id),
                String.join(", ", spec.networks().stream().map(NetworkSpec::name).toList()));
        return id;
    }

    /** Starts a created container; if the Engine refuses (a port in use, a missing bind source), removes it. */
    public void start(ContainerSpec spec, String id) {
        try {
            engine.startContainer(id);
        } catch (RuntimeException e) {
            discard(spec.name(), id, e);
            throw e;
        }
        log.info("started {}", spec.name());
    }

    /** Removes a container we just created after a later step failed, keeping the original error. */
    public void discard(String name, String id, RuntimeException cause) {
        try {
            engine.removeContainer(id, true);
            log.info("removed {} again after: {}", name, cause.getMessage());
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Waits until {@code name} has started (is running) or is healthy.
     *
     * @param failOnExit whether a container that has exited is a failure right away ({@code up}), or
     *                   may yet be restarted by its own supervisor (systemd, for {@code run})
     * @throws IllegalStateException on timeout, on exit (when {@code failOnExit}), or when waiting for
     *                               health on a container without a health check
     */
    public ContainerInfo awaitCondition(String name, WaitFor waitFor, Duration timeout, boolean failOnExit) {
        return awaitCondition(name, waitFor, timeout, failOnExit, () -> false);
    }

    /** As above; gives up with an {@link IllegalStateException} as soon as {@code cancelled} says so. */
    public ContainerInfo awaitCondition(String name, WaitFor waitFor, Duration timeout, boolean failOnExit,
                                        BooleanSupplier cancelled) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "not created";
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new IllegalStateException("stopped while waiting for " + name + " to be " + waitFor.spelling());
            }
            Optional<ContainerInfo> info = engine.inspectContainer(name);
            if (info.isPresent()) {
                ContainerInfo c = info.get();
                last = c.status() + (c.health() == null ? "" : ", " + c.health());
                if (c.running()) {
                    if (waitFor == WaitFor.STARTED || c.healthy()) {
                        return c;
                    }
                    if (c.health() == null) {
                        throw new IllegalStateException("waiting for " + name + " to be healthy, but it has no health check");
                    }
                } else if (failOnExit && (c.status().equals("exited") || c.status().equals("dead"))) {
                    throw new IllegalStateException(name + " exited with code " + c.exitCode() + " while waiting for it to be "
                            + waitFor.spelling());
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(name + " is not " + waitFor.spelling() + " after " + timeout.toSeconds()
                        + " s (last seen: " + last + ")");
            }
            sleep(WAIT_POLL);
        }
    }

    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
