package io.synapserouter.routing.config.internal;

import io.synapserouter.routing.config.PoolNames;
import java.util.ArrayList;
import java.util.List;

/** The schema of {@code router.yaml}: the keys each map may hold, in the order the docs list them. */
public final class Keys {

    public static final List<String> TOP_LEVEL = List.of(
            "listeners", "trusted_proxies", "synapse", "workers", "pools", "routes", "debug_headers", "access_log",
            "timeouts", "limits", "upstream_keepalive", "resolve_interval", "shutdown_grace", "io_threads",
            "forwarded_proto", "whoami", "health_checks");

    public static final List<String> LISTENERS = List.of("client", "federation", "admin");
    public static final List<String> SYNAPSE = List.of("client", "federation");
    public static final List<String> TIMEOUTS = List.of("connect", "upstream_response", "client_request_head", "client_keepalive");
    public static final List<String> LIMITS = List.of("request_head", "request_line", "client_body", "federation_body");
    public static final List<String> UPSTREAM_KEEPALIVE = List.of("max_idle", "idle_timeout");
    public static final List<String> ACCESS_LOG = List.of("enabled", "format");
    public static final List<String> WHOAMI = List.of("url", "timeout", "cache", "breaker");
    public static final List<String> WHOAMI_CACHE = List.of("ttl", "negative_ttl", "max_entries");
    public static final List<String> WHOAMI_BREAKER = List.of("failures", "open_for");
    public static final List<String> HEALTH_CHECKS = List.of("interval", "timeout", "rise", "fall", "path");
    public static final List<String> POOL_OVERRIDE = List.of("balancing", "when_empty");
    public static final List<String> ROUTE = List.of("name", "listener", "path", "methods", "pool", "upstream", "key");

    public static final String STREAM_WRITERS = "stream_writers";
    /** Directly under {@code workers:}: the worker types, then the stream writers' own map. */
    public static final List<String> WORKERS = concat(PoolNames.WORKER_TYPES, List.of(STREAM_WRITERS));
    /** Every pool that holds workers (and so can be overridden under {@code pools:}). */
    public static final List<String> WORKER_POOLS = concat(PoolNames.WORKER_TYPES, PoolNames.STREAM_WRITERS);
    /** Every pool a route may target: the main process's two listeners and every worker pool. */
    public static final List<String> ROUTE_POOLS = concat(List.of(PoolNames.MAIN, PoolNames.MAIN_FEDERATION), WORKER_POOLS);

    public static final List<String> LISTENER_NAMES = List.of("client", "federation");
    public static final List<String> FORWARDED_PROTOS = List.of("http", "https");

    private Keys() {
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
