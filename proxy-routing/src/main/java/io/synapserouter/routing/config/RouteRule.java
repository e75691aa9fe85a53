package io.synapserouter.routing.config;

import io.synapserouter.core.config.HostPort;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One operator rule from {@code routes:}; exactly one of {@code pool} and {@code upstream} is set.
 *
 * @param name     a label for logs and {@code check}; defaults to {@code route-<index>}
 * @param listener {@code client}, {@code federation}, or null for both
 * @param path     matched (find) against the raw path
 * @param methods  upper-case methods, empty for all
 * @param pool     a pool name, or null
 * @param upstream a single address, or null
 * @param key      what the route's balancing sticks on
 */
public record RouteRule(String name, String listener, Pattern path, Set<String> methods, String pool, HostPort upstream, KeyKind key) {

    public RouteRule {
        methods = Set.copyOf(methods);
        if ((pool == null) == (upstream == null)) {
            throw new IllegalArgumentException("route '" + name + "' needs exactly one of pool and upstream");
        }
    }
}
