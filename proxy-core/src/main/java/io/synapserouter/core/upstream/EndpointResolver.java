package io.synapserouter.core.upstream;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every endpoint's {@link Endpoint#address()} current. Docker's DNS gives a restarted worker a
 * new address under the same name, so names are looked up again, at most every {@code interval}.
 *
 * <p>{@link #start()} resolves everything once on the calling thread (start-up, not an event loop),
 * then a dedicated daemon thread re-resolves the names in the background: lookups may block, so
 * they never run on an event loop. Literal IP addresses are taken as they are, without DNS. A failed
 * lookup keeps the last good address (logged at WARN, at most once a minute per name); an endpoint
 * that was never resolved keeps its unresolved address, which the engine treats as a connect failure
 * and health checks as a failed check.
 *
 * <p>One name gives one address (the first the system resolver returns): list replicas as
 * separate endpoints.
 */
public final class EndpointResolver implements AutoCloseable {

    /** How often names are re-resolved at most, unless configured otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    /** How long the JVM may cache a lookup once {@link #capJdkAddressCache} has run. */
    public static final Duration JDK_CACHE_CAP = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(EndpointResolver.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final String THREAD_NAME = "synapse-router-resolver";

    /** Turns a host name into an address; may block. */
    @FunctionalInterface
    public interface HostLookup {
        InetAddress lookup(String host) throws UnknownHostException;

        /** The operating system's resolver through the JDK (hosts file, DNS, search domains). */
        HostLookup SYSTEM = InetAddress::getByName;
    }

    private final Duration interval;
    private final HostLookup lookup;
    private final List<Endpoint> literals = new ArrayList<>();
    private final Map<String, NamedHost> names = new LinkedHashMap<>();
    private ScheduledExecutorService thread;
    private boolean stopped;

    /** Resolves with the system resolver every {@code interval} at most. */
    public EndpointResolver(Collection<Endpoint> endpoints, Duration interval) {
        this(endpoints, interval, HostLookup.SYSTEM);
    }

    public EndpointResolver(Collection<Endpoint> endpoints, Duration interval, HostLookup lookup) {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("resolve interval must be positive, was " + interval);
        }
        this.interval = interval;
        this.lookup = lookup;
        for (Endpoint endpoint : endpoints) {
            if (NetUtil.isValidIpV4Address(endpoint.host()) || NetUtil.isValidIpV6Address(endpoint.host())) {
                literals.add(endpoint);
            } else {
                names.computeIfAbsent(endpoint.host(), NamedHost::new).endpoints.add(endpoint);
            }
        }
    }

    /** Every endpoint of every pool, each pool's endpoints once. */
    public static EndpointResolver forPools(Collection<UpstreamPool> pools, Duration interval) {
        List<Endpoint> endpoints = new ArrayList<>();
        pools.forEach(pool -> endpoints.addAll(pool.endpoints()));
        return new EndpointResolver(endpoints, interval);
    }

    /**
     * Resolves every endpoint now, on the calling thread, then keeps re-resolving names in the
     * background. Call it before health checks start, from a thread that may block.
     */
    public synchronized void start() {
        if (stopped) {
            throw new IllegalStateException("endpoint resolver was stopped");
        }
        if (thread != null) {
            return;
        }
        if (lookup == HostLookup.SYSTEM) {
            capJdkAddressCache(JDK_CACHE_CAP);
        }
        for (Endpoint endpoint : literals) {
            InetAddress address = NetUtil.createInetAddressFromIpAddressString(endpoint.host());
            endpoint.address(new InetSocketAddress(address, endpoint.port()));
        }
        resolveNames();
        thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        if (!names.isEmpty()) {
            long nanos = interval.toNanos();
            // fixed delay: a slow lookup postpones the next round instead of piling rounds up
            thread.scheduleWithFixedDelay(this::resolveNamesSafely, nanos, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Stops background re-resolution; endpoints keep their addresses. */
    public synchronized void stop() {
        stopped = true;
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Lowers how long the JVM caches host name lookups (30 s for successes and 10 s for failures by
     * default) to at most {@code cap}, or re-resolving every few seconds would keep getting the
     * cached answer. Never raises a lower setting an operator made. The JVM reads these settings at
     * its first name lookup, so this works only before any: the launcher should call it first thing.
     *
     * @return whether a setting was lowered
     */
    public static synchronized boolean capJdkAddressCache(Duration cap) {
        long capSeconds = Math.max(0, cap.toSeconds());
        boolean lowered = lower("networkaddress.cache.ttl", "sun.net.inetaddr.ttl", 30, capSeconds);
        lowered |= lower("networkaddress.cache.negative.ttl", "sun.net.inetaddr.negative.ttl", 10, capSeconds);
        return lowered;
    }

    private static boolean lower(String securityProperty, String systemProperty, long jdkDefault, long capSeconds) {
        String configured = Security.getProperty(securityProperty);
        if (configured == null) {
            configured = System.getProperty(systemProperty);
        }
        long current = jdkDefault;
        if (configured != null) {
            try {
                current = Long.parseLong(configured.trim());
            } catch (NumberFormatException e) {
                current = jdkDefault; // the JDK ignores a malformed value too
            }
        }
        if (current >= 0 && current <= capSeconds) {
            return false;
        }
        Security.setProperty(securityProperty, Long.toString(capSeconds));
        log.info("JVM DNS cache: {} lowered from {} to {} s so that re-resolution sees address changes", securityProperty,
                current < 0 ? "forever" : current + " s", capSeconds);
        return true;
    }

    private void resolveNamesSafely() {
        try {
            resolveNames();
        } catch (RuntimeException e) {
            // an unexpected failure must not cancel the schedule
            log.warn("re-resolving upstream host names failed", e);
        }
    }

    private void resolveNames() {
        for (NamedHost host : names.values()) {
            host.resolve();
        }
    }

    /** The endpoints sharing one host name, resolved together. Touched by one thread at a time. */
    private final class NamedHost {
        final String name;
        final List<Endpoint> endpoints = new ArrayList<>();
        boolean failing;
        long lastWarnNanos;

        NamedHost(String name) {
            this.name = name;
        }

        void resolve() {
            InetAddress address;
            try {
                address = lookup.lookup(name);
            } catch (UnknownHostException | RuntimeException e) {
                failed(e);
                return;
            }
            if (address == null) {
                failed(new UnknownHostException(name + ": no address"));
                return;
            }
            if (failing) {
                failing = false;
                log.info("upstream host {} resolves again", name);
            }
            for (Endpoint endpoint : endpoints) {
                InetSocketAddress previous = endpoint.address();
                if (previous.isUnresolved() || !address.equals(previous.getAddress())) {
                    endpoint.address(new InetSocketAddress(address, endpoint.port()));
                    if (previous.isUnresolved()) {
                        log.info("upstream {} resolved to {}", endpoint, address.getHostAddress());
                    } else {
                        log.info("upstream {} now resolves to {} (was {})", endpoint, address.getHostAddress(),
                                previous.getAddress().getHostAddress());
                    }
                }
            }
        }

        private void failed(Exception e) {
            long now = System.nanoTime();
            if (!failing || now - lastWarnNanos >= WARN_EVERY_NANOS) {
                boolean resolvedBefore = !endpoints.get(0).address().isUnresolved();
                log.warn("cannot resolve upstream host {} ({}); {}", name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                        resolvedBefore ? "keeping " + endpoints.get(0).address().getAddress().getHostAddress()
                                : "its endpoints stay unreachable until it resolves");
                lastWarnNanos = now;
            }
            failing = true;
        }
    }
}
