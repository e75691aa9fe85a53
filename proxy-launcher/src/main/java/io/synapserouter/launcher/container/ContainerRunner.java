package io.synapserouter.launcher.container;

import io.synapserouter.launcher.container.ContainerSpec.Dependency;
import io.synapserouter.launcher.docker.Attachment;
import io.synapserouter.launcher.docker.ContainerInfo;
import io.synapserouter.launcher.docker.DockerEngine;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervises one container the way a systemd unit needs: {@code container run}. It waits for the
 * containers it comes after, clears a stale one of its name, creates it on its primary network,
 * connects the others, attaches to its output (before start, so nothing is lost), starts it, copies
 * its stdout and stderr to ours, and returns its exit code once it exits, after removing it.
 * {@link #stop} (wired to SIGTERM and SIGINT) stops it with its grace and removes it.
 */
public final class ContainerRunner {

    private static final Logger log = LoggerFactory.getLogger(ContainerRunner.class);
    private static final Duration DRAIN = Duration.ofSeconds(5);
    private static final Duration HEALTH_POLL = Duration.ofMillis(500);
    private static final Duration STOP_MARGIN = Duration.ofSeconds(60);

    /**
     * @param waitHealthy       log a ready line only once the Engine says the container is healthy
     * @param dependencyTimeout how long to wait for each {@code after:} container
     */
    public record Options(boolean waitHealthy, Duration dependencyTimeout) {
    }

    private final DockerEngine engine;
    private final ContainerLifecycle lifecycle;
    private final ContainerSpec spec;
    private final Options options;
    private final OutputStream out;
    private final OutputStream err;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile String containerId;
    private volatile Attachment attachment;

    public ContainerRunner(DockerEngine engine, ContainerSpec spec, Options options, OutputStream out, OutputStream err) {
        this.engine = engine;
        this.lifecycle = new ContainerLifecycle(engine);
        this.spec = spec;
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** Runs the container to its end; returns its exit code. Engine trouble is thrown. */
    public int run() {
        try {
            return supervise();
        } finally {
            done.complete(null);
            if (stopping.get()) {
                // A stop is under way on another thread (a signal): let it finish before our caller
                // closes the engine under it.
                try {
                    stopped.get(spec.stopGrace().plus(STOP_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    log.warn("the stop of {} did not finish: {}", spec.name(), e.toString());
                }
            }
        }
    }

    /** Whether a stop was requested ({@link #stop}). */
    public boolean stopRequested() {
        return stopping.get();
    }

    private int supervise() {
        for (Dependency dependency : spec.after()) {
            log.info("{}: waiting for {} to be {}", spec.name(), dependency.name(), dependency.waitFor().spelling());
            lifecycle.awaitCondition(dependency.name(), dependency.waitFor(), options.dependencyTimeout(), false, stopping::get);
        }
        lifecycle.removeStale(spec.name(), spec.stopGrace());
        String id = lifecycle.create(spec);
        containerId = id;
        if (stopping.get()) {
            lifecycle.discard(spec.name(), id, new IllegalStateException("stop requested before start"));
            return 0;
        }
        Attachment attached;
        try {
            attached = engine.attach(id, out, err);
        } catch (RuntimeException e) {
            lifecycle.discard(spec.name(), id, e);
            throw e;
        }
        attachment = attached;
        try {
            lifecycle.start(spec, id);
        } catch (RuntimeException e) {
            attached.close();
            throw e;
        }
        if (options.waitHealthy()) {
            watchHealth(id);
        }
        int exitCode;
        try {
            exitCode = engine.waitForExit(id).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + spec.name(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            drain(attached);
        }
        log.info("{} exited with code {}", spec.name(), exitCode);
        try {
            lifecycle.remove(id, spec.stopGrace());
        } catch (RuntimeException e) {
            log.warn("could not remove {}: {}", spec.name(), e.getMessage());
        }
        return exitCode;
    }

    /**
     * Stops the container with its grace and removes it; safe to call from a shutdown hook, at any
     * moment, more than once. Returns once the container is gone (or was never created).
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!done.isDone()) {
                stopContainer();
            }
        } finally {
            stopped.complete(null);
        }
    }

    private void stopContainer() {
        String id = awaitCreatedOrDone();
        if (id == null) {
            log.info("stop requested before {} was created", spec.name());
            return;
        }
        long started = System.nanoTime();
        log.info("stopping {} (grace {} s)", spec.name(), spec.stopGrace().toSeconds());
        try {
            engine.stopContainer(id, spec.stopGrace());
            Attachment attached = attachment;
            if (attached != null) {
                drain(attached);
            }
            lifecycle.remove(id, spec.stopGrace());
            log.info("stopped and removed {} in {} ms", spec.name(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.error("could not stop {}: {}", spec.name(), e.getMessage());
        }
    }

    /**
     * The container id, or null once {@link #run} has finished without one. A stop that arrives while
     * {@code run} is between steps waits briefly: {@code run} notices {@link #stopping} at its next step.
     */
    private String awaitCreatedOrDone() {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (containerId == null && !done.isDone() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return containerId;
    }

    private void drain(Attachment attached) {
        try {
            if (!attached.awaitEnd(DRAIN)) {
                attached.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attached.close();
        }
    }

    private void watchHealth(String id) {
        Thread watcher = new Thread(() -> {
            boolean warnedUnhealthy = false;
            while (!done.isDone() && !stopping.get()) {
                Optional<ContainerInfo> info;
                try {
                    info = engine.inspectContainer(id);
                } catch (RuntimeException e) {
                    log.warn("health of {}: {}", spec.name(), e.getMessage());
                    return;
                }
                if (info.isEmpty() || !info.get().running()) {
                    return;
                }
                if (info.get().health() == null) {
                    log.info("{} has no health check; ready now that it runs", spec.name());
                    return;
                }
                if (info.get().healthy()) {
                    log.info("{} is healthy: ready", spec.name());
                    return;
                }
                if ("unhealthy".equals(info.get().health()) && !warnedUnhealthy) {
                    log.warn("{} is unhealthy; still waiting for it to become healthy", spec.name());
                    warnedUnhealthy = true;
                }
                try {
                    Thread.sleep(HEALTH_POLL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "health-" + spec.name());
        watcher.setDaemon(true);
        watcher.start();
    }
}
