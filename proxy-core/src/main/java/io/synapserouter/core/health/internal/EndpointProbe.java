package io.synapserouter.core.health.internal;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.synapserouter.core.client.FetchResponse;
import io.synapserouter.core.client.FetchTimeoutException;
import io.synapserouter.core.client.HttpFetcher;
import io.synapserouter.core.config.HealthCheckSettings;
import io.synapserouter.core.health.HealthReason;
import io.synapserouter.core.upstream.Endpoint;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Checks one upstream process (every {@link Endpoint} configured with its {@code host:port}, in
 * whatever pools) and keeps its {@link HealthState}.
 *
 * <p>Everything but {@link #passiveFailure} runs on one event loop, which owns the state: checks are
 * started there, their results hop back there, and the next check is scheduled from there, one
 * interval after the previous one began (never two at once, however slow an answer is).
 */
public final class EndpointProbe {

    /** Told of every availability change, on the probe's event loop. */
    @FunctionalInterface
    public interface Transitions {
        void changed(List<Endpoint> endpoints, boolean available, HealthReason reason, String detail);
    }

    private final List<Endpoint> endpoints;
    private final EventExecutor loop;
    private final HttpFetcher fetcher;
    private final HealthCheckSettings settings;
    private final Transitions transitions;
    private final HttpHeaders headers;
    private final HealthState state;
    private volatile boolean running;
    private volatile Future<?> next;

    public EndpointProbe(List<Endpoint> endpoints, EventExecutor loop, HttpFetcher fetcher, HealthCheckSettings settings,
                         Transitions transitions) {
        this.endpoints = List.copyOf(endpoints);
        this.loop = loop;
        this.fetcher = fetcher;
        this.settings = settings;
        this.transitions = transitions;
        this.state = new HealthState(settings.rise(), settings.fall());
        Endpoint first = this.endpoints.get(0);
        // Host as configured, not the resolved address: what the process would see behind nginx
        String host = first.host().indexOf(':') >= 0 ? "[" + first.host() + "]" : first.host();
        this.headers = new DefaultHttpHeaders()
                .set(HttpHeaderNames.HOST, host + ":" + first.port())
                .set(HttpHeaderNames.USER_AGENT, "synapse-router-health-check");
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public void start() {
        running = true;
        execute(this::check);
    }

    public void stop() {
        running = false;
        Future<?> scheduled = next;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    /**
     * A refused or reset connection, reported from any thread. The endpoints leave rotation at once,
     * on the caller's thread, so that the very next pick avoids them; the state catches up on the
     * probe's loop (a recovery can only come from there, so the early write cannot be undone early).
     */
    public void passiveFailure(Throwable cause) {
        if (!running) {
            return;
        }
        for (Endpoint endpoint : endpoints) {
            endpoint.available(false);
        }
        execute(() -> {
            HealthReason change = state.onPassiveFailure();
            apply(false); // undoes a recovery that ran between the early write and now
            if (change != null) {
                transitions.changed(endpoints, false, change, describe(cause));
            }
        });
    }

    private void check() {
        if (!running) {
            return;
        }
        long startedAt = System.nanoTime();
        long epoch = state.epoch();
        InetSocketAddress address = endpoints.get(0).address();
        if (address.isUnresolved()) {
            // resolution belongs to the EndpointResolver; a check must never resolve on an event loop
            record(epoch, false, "host name not resolved");
            scheduleNext(startedAt);
            return;
        }
        CompletionStage<FetchResponse> answer;
        try {
            answer = fetcher.get(address, settings.path(), headers, settings.timeout());
        } catch (RuntimeException e) {
            record(epoch, false, describe(e));
            scheduleNext(startedAt);
            return;
        }
        answer.whenComplete((response, error) -> execute(() -> {
            if (error != null) {
                record(epoch, false, describe(error));
            } else {
                int status = response.status();
                record(epoch, status >= 200 && status < 300, "status " + status);
            }
            scheduleNext(startedAt);
        }));
    }

    private void record(long epoch, boolean passed, String detail) {
        if (!running) {
            return;
        }
        HealthReason change = state.onCheck(epoch, passed);
        if (change != null) {
            apply(state.available());
            transitions.changed(endpoints, state.available(), change, detail);
        }
    }

    private void apply(boolean available) {
        for (Endpoint endpoint : endpoints) {
            endpoint.available(available);
        }
    }

    private void scheduleNext(long previousStart) {
        if (!running) {
            return;
        }
        long delay = settings.interval().toNanos() - (System.nanoTime() - previousStart);
        try {
            next = loop.schedule(this::check, Math.max(0, delay), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            running = false; // the event loops are shutting down
        }
    }

    private void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            running = false;
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && (cause instanceof CompletionException || cause instanceof ExecutionException)) {
            cause = cause.getCause();
        }
        if (cause instanceof FetchTimeoutException) {
            return "timed out (" + cause.getMessage() + ")";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
