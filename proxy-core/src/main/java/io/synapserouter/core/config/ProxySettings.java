package io.synapserouter.core.config;

import java.time.Duration;
import java.util.List;

/**
 * Everything the engine needs that is not a routing decision. Validated before it is built.
 *
 * @param listeners              the proxy listeners (not the admin one)
 * @param trustedProxies         peers whose X-Forwarded-For and X-Forwarded-Proto are kept
 * @param timeouts               connection and request timeouts
 * @param limits                 request head limits
 * @param resolveInterval        how often upstream host names are re-resolved at most (default 5 s)
 * @param shutdownGrace          how long in-flight requests may finish after SIGTERM (default 30 s)
 * @param debugHeaders           whether responses say which pool and endpoint served them
 * @param defaultForwardedProto  X-Forwarded-Proto for untrusted peers (default {@code http})
 * @param ioThreads              event loop threads; 0 means one per core
 */
public record ProxySettings(
        List<ListenerSettings> listeners,
        List<Cidr> trustedProxies,
        TimeoutSettings timeouts,
        LimitSettings limits,
        Duration resolveInterval,
        Duration shutdownGrace,
        boolean debugHeaders,
        String defaultForwardedProto,
        int ioThreads) {

    public ProxySettings {
        listeners = List.copyOf(listeners);
        trustedProxies = List.copyOf(trustedProxies);
    }
}
