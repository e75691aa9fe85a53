package io.synapserouter.routing.config.internal;

import io.synapserouter.core.config.Cidr;
import io.synapserouter.core.config.ConfigList;
import io.synapserouter.core.config.ConfigNode;
import io.synapserouter.core.config.ConfigSection;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.config.LimitSettings;
import io.synapserouter.core.config.ListenerSettings;
import io.synapserouter.core.config.ProxySettings;
import io.synapserouter.core.config.Sizes;
import io.synapserouter.core.config.TimeoutSettings;
import io.synapserouter.routing.config.ConfigDefaults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's settings: {@code listeners}, {@code trusted_proxies}, {@code timeouts}, {@code limits}
 * and the top-level scalars ({@code resolve_interval}, {@code shutdown_grace}, {@code io_threads},
 * {@code forwarded_proto}, {@code debug_headers}).
 */
public final class ProxySection {

    /** What the engine runs on, plus the admin listener (null when disabled), which is not a proxy listener. */
    public record Result(ProxySettings proxy, HostPort admin) {
    }

    private static final int MAX_IO_THREADS = 1024;

    private ProxySection() {
    }

    public static Result read(ConfigSection root) {
        ConfigSection limitsSection = root.section("limits", Keys.LIMITS);
        LimitSettings limits = limits(limitsSection);
        long clientBody = body(limitsSection, "client_body", ConfigDefaults.CLIENT_BODY_BYTES);
        long federationBody = body(limitsSection, "federation_body", ConfigDefaults.FEDERATION_BODY_BYTES);

        ConfigSection listenersSection = root.section("listeners", Keys.LISTENERS);
        Map<String, HostPort> bound = new LinkedHashMap<>();
        HostPort client = bind(listenersSection, "client", ConfigDefaults.CLIENT_LISTENER, bound);
        HostPort federation = bind(listenersSection, "federation", null, bound);
        HostPort admin = bind(listenersSection, "admin", ConfigDefaults.ADMIN_LISTENER, bound);
        List<ListenerSettings> listeners = new ArrayList<>();
        if (client != null) {
            listeners.add(new ListenerSettings("client", client.host(), client.port(), clientBody));
        }
        if (federation != null) {
            listeners.add(new ListenerSettings("federation", federation.host(), federation.port(), federationBody));
        }

        ProxySettings proxy = new ProxySettings(
                listeners,
                trustedProxies(root),
                timeouts(root.section("timeouts", Keys.TIMEOUTS)),
                limits,
                root.positiveDuration("resolve_interval", ConfigDefaults.RESOLVE_INTERVAL),
                root.duration("shutdown_grace", ConfigDefaults.SHUTDOWN_GRACE),
                root.bool("debug_headers", ConfigDefaults.DEBUG_HEADERS),
                root.choice("forwarded_proto", Keys.FORWARDED_PROTOS, ConfigDefaults.FORWARDED_PROTO),
                root.integer("io_threads", 0, MAX_IO_THREADS, ConfigDefaults.IO_THREADS));
        return new Result(proxy, admin);
    }

    /**
     * A listener's bind address. {@code client} cannot be switched off; {@code federation} and
     * {@code admin} are off when null (and federation when absent). Two listeners may not share a port
     * on overlapping addresses.
     */
    private static HostPort bind(ConfigSection listeners, String name, HostPort fallback, Map<String, HostPort> bound) {
        ConfigNode node = listeners.map().get(name);
        if (node == null) {
            if (fallback != null) {
                bound.put(listeners.map().childPath(name) + " by default", fallback);
            }
            return fallback;
        }
        if (node.isNull()) {
            if (name.equals("client")) {
                listeners.problems().add(node.problem("the client listener cannot be disabled; give a bind address such as \"0.0.0.0:8008\""));
            }
            return null;
        }
        return listeners.problems().attempt(() -> {
            HostPort address = node.asHostPort();
            try {
                Cidr.parse(address.host()); // accepts exactly the numeric addresses, and never asks DNS
            } catch (IllegalArgumentException e) {
                throw node.error("a listener binds a numeric address, e.g. \"0.0.0.0:" + address.port() + "\" or \"[::]:"
                        + address.port() + "\", not '" + address.host() + "'");
            }
            bound.forEach((otherPath, other) -> {
                if (overlaps(address, other)) {
                    throw node.error(address + " is also " + otherPath + " (" + other + ")");
                }
            });
            bound.put(node.path(), address);
            return address;
        }, null);
    }

    private static boolean overlaps(HostPort a, HostPort b) {
        return a.port() != 0 && a.port() == b.port()
                && (a.host().equals(b.host()) || isWildcard(a.host()) || isWildcard(b.host()));
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    private static List<Cidr> trustedProxies(ConfigSection root) {
        ConfigList list = root.list("trusted_proxies");
        List<Cidr> cidrs = new ArrayList<>();
        for (ConfigNode item : list.items()) {
            cidrs.add(root.problems().attempt(item::asCidr, null));
        }
        cidrs.removeIf(Objects::isNull);
        return cidrs;
    }

    private static TimeoutSettings timeouts(ConfigSection t) {
        TimeoutSettings d = ConfigDefaults.TIMEOUTS;
        return new TimeoutSettings(
                t.positiveDuration("connect", d.connect()),
                t.positiveDuration("upstream_response", d.upstreamResponse()),
                t.positiveDuration("client_request_head", d.clientRequestHead()),
                t.positiveDuration("client_keepalive", d.clientKeepAlive()));
    }

    private static LimitSettings limits(ConfigSection l) {
        LimitSettings d = ConfigDefaults.LIMITS;
        int head = (int) l.size("request_head", 1, Integer.MAX_VALUE, d.maxRequestHead());
        int line = (int) l.size("request_line", 1, Integer.MAX_VALUE, d.maxRequestLine());
        if (line > head) {
            ConfigNode at = l.find("request_line").or(() -> l.find("request_head")).orElseThrow();
            l.problems().add(at.problem("the request line (" + Sizes.format(line) + ") cannot be longer than the whole request head"
                    + " (limits.request_head: " + Sizes.format(head) + ")"));
        }
        return new LimitSettings(head, line);
    }

    /** A body limit; 0 would refuse every body (it is not nginx's "unlimited"), so it must be at least 1. */
    private static long body(ConfigSection l, String key, long fallback) {
        return l.get(key, n -> {
            long bytes = n.asSize(0, Long.MAX_VALUE);
            if (bytes == 0) {
                throw n.error("must be at least 1; 0 would refuse every request body (there is no 'unlimited': write e.g. 1G)");
            }
            return bytes;
        }, fallback);
    }
}
