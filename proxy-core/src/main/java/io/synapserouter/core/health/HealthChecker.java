package io.synapserouter.core.health;

import io.netty.util.concurrent.EventExecutorGroup;
import io.synapserouter.core.client.HttpFetcher;
import io.synapserouter.core.config.HealthCheckSettings;
import io.synapserouter.core.health.internal.EndpointProbe;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.EndpointFailureListener;
import io.synapserouter.core.upstream.UpstreamPool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link Endpoint#available()} true for upstream processes that work and false for those that
 * do not, for every endpoint of every pool.
 *
 * <p><b>Active:</b> {@code GET <path>} every {@code interval}, with {@code timeout}, through the
 * non-blocking {@link HttpFetcher}, scheduled on an event loop. A 2xx answer passes; anything else,
 * a refused connection, a timeout or an unresolved host name fails. {@code fall} failures in a row
 * take a process out, {@code rise} passes in a row bring it back.
 *
 * <p><b>Passive:</b> as the engine's {@link EndpointFailureListener}, a refused or reset connection
 * takes the process out at once, until one active check (begun after the failure) passes.
 *
 * <p><b>Start-up:</b> endpoints start available, so nothing waits for a first round of checks; the
 * first check runs at {@link #start()}, and if it fails the process goes out at once rather than
 * after {@code fall} checks, since nothing says it ever worked; like a passive ejection, one passing
 * check then brings it back (a first check that was only slow, in a cold JVM, costs one interval).
 *
 * <p>Endpoints with the same {@code host:port} (one process in several pools) share one check and
 * one state. Changes are logged (WARN out, INFO back) and given to the {@link HealthListener}.
 * Addresses come from the {@code EndpointResolver}; start it first, or every check fails as
 * unresolved until it has run.
 */
public final class HealthChecker implements EndpointFailureListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthChecker.class);

    private final HealthCheckSettings settings;
    private final HealthListener listener;
    private final List<EndpointProbe> probes = new ArrayList<>();
    private final Map<Endpoint, EndpointProbe> probeOf = new IdentityHashMap<>();
    private boolean started;
    private boolean stopped;

    /**
     * @param pools    every pool whose endpoints are checked
     * @param fetcher  the client the checks go through
     * @param loops    where checks are scheduled and their results handled (the proxy's event loops)
     * @param listener told of every availability change, on an event loop
     */
    public HealthChecker(Collection<UpstreamPool> pools, HealthCheckSettings settings, HttpFetcher fetcher,
                         EventExecutorGroup loops, HealthListener listener) {
        validate(settings);
        this.settings = settings;
        this.listener = listener;
        Map<String, List<Endpoint>> byId = new LinkedHashMap<>();
        for (UpstreamPool pool : pools) {
            for (Endpoint endpoint : pool.endpoints()) {
                byId.computeIfAbsent(endpoint.id(), id -> new ArrayList<>()).add(endpoint);
            }
        }
        for (List<Endpoint> sameProcess : byId.values()) {
            EndpointProbe probe = new EndpointProbe(sameProcess, loops.next(), fetcher, settings, this::changed);
            probes.add(probe);
            sameProcess.forEach(endpoint -> probeOf.put(endpoint, probe));
        }
    }

    /** Runs the first check of every endpoint now, and then one every interval. */
    public synchronized void start() {
        if (stopped) {
            throw new IllegalStateException("health checker was stopped");
        }
        if (started) {
            return;
        }
        started = true;
        log.info("health checks: GET {} every {} ms (timeout {} ms, rise {}, fall {}) on {} upstream process(es)",
                settings.path(), settings.interval().toMillis(), settings.timeout().toMillis(), settings.rise(),
                settings.fall(), probes.size());
        probes.forEach(EndpointProbe::start);
    }

    /** Stops checking; endpoints keep the availability they have. */
    public synchronized void stop() {
        stopped = true;
        probes.forEach(EndpointProbe::stop);
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Passive ejection. Called by the engine on an event loop when a connection to {@code endpoint}
     * was refused or reset before any response byte. Ignored before {@link #start()} and after
     * {@link #stop()}: without active checks nothing would ever bring the endpoint back.
     */
    @Override
    public void onFailure(Endpoint endpoint, Throwable cause) {
        EndpointProbe probe = probeOf.get(endpoint);
        if (probe != null) {
            probe.passiveFailure(cause);
        }
    }

    private void changed(List<Endpoint> endpoints, boolean available, HealthReason reason, String detail) {
        for (Endpoint endpoint : endpoints) {
            switch (reason) {
                case ACTIVE_FAIL -> log.warn("upstream {} is out of rotation: health check {} failed ({})",
                        endpoint, settings.path(), detail);
                case PASSIVE_EJECT -> log.warn("upstream {} is out of rotation until a health check passes: "
                        + "connection failed ({})", endpoint, detail);
                case RECOVERED -> log.info("upstream {} is back in rotation: health check {} passed ({})",
                        endpoint, settings.path(), detail);
            }
            try {
                listener.onHealthChange(endpoint, available, reason);
            } catch (RuntimeException e) {
                log.warn("health listener failed for {}", endpoint, e);
            }
        }
    }

    private static void validate(HealthCheckSettings s) {
        if (s.interval() == null || s.interval().isNegative() || s.interval().isZero()) {
            throw new IllegalArgumentException("health_checks.interval must be positive, was " + s.interval());
        }
        if (s.timeout() == null || s.timeout().isNegative() || s.timeout().isZero()) {
            throw new IllegalArgumentException("health_checks.timeout must be positive, was " + s.timeout());
        }
        if (s.rise() < 1) {
            throw new IllegalArgumentException("health_checks.rise must be at least 1, was " + s.rise());
        }
        if (s.fall() < 1) {
            throw new IllegalArgumentException("health_checks.fall must be at least 1, was " + s.fall());
        }
        if (s.path() == null || !s.path().startsWith("/")) {
            throw new IllegalArgumentException("health_checks.path must start with '/', was " + s.path());
        }
    }
}
