package io.synapserouter.routing.config.internal;

import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.config.ConfigNode;
import io.synapserouter.core.config.ConfigSection;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.routing.config.PoolNames;
import io.synapserouter.routing.config.PoolOverride;
import io.synapserouter.routing.config.SynapseSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where requests go: {@code synapse} (the main process), {@code workers} and {@code pools} overrides. */
public final class UpstreamSection {

    private UpstreamSection() {
    }

    /** The main process, or null (with the problem recorded) when the section is missing or wrong. */
    public static SynapseSettings synapse(ConfigSection root) {
        if (root.find("synapse").isEmpty()) {
            root.require("synapse", "it names Synapse's main process, e.g. synapse: { client: \"matrix-synapse:8008\","
                    + " federation: \"matrix-synapse:8048\" }", n -> n);
            return null;
        }
        ConfigSection synapse = root.section("synapse", Keys.SYNAPSE);
        HostPort client = synapse.require("client", "the main process's client-server listener, e.g. \"matrix-synapse:8008\"",
                UpstreamSection::upstream);
        HostPort federation = synapse.get("federation", UpstreamSection::upstream, client);
        return client == null ? null : new SynapseSettings(client, federation);
    }

    /**
     * Worker pools by pool name in file order, stream writers flattened to their own pool names. A
     * pool listing the same address twice is an error: it would double that worker's share of the
     * hash ring, and it is almost always a copy-and-paste slip. (One worker in several pools is fine.)
     */
    public static Map<String, List<HostPort>> workers(ConfigSection root) {
        ConfigSection workers = root.section("workers", Keys.WORKERS);
        Map<String, List<HostPort>> pools = new LinkedHashMap<>();
        for (String key : workers.map().keys()) {
            if (key.equals(Keys.STREAM_WRITERS)) {
                ConfigSection writers = workers.section(Keys.STREAM_WRITERS, PoolNames.STREAM_WRITERS);
                for (String writer : writers.map().keys()) {
                    if (PoolNames.STREAM_WRITERS.contains(writer)) {
                        pools.put(writer, endpoints(writers, writer));
                    }
                }
            } else if (PoolNames.WORKER_TYPES.contains(key)) {
                pools.put(key, endpoints(workers, key));
            }
        }
        return pools;
    }

    /** {@code pools:} overrides, keyed by worker pool name. */
    public static Map<String, PoolOverride> pools(ConfigSection root) {
        ConfigSection pools = root.section("pools", Keys.WORKER_POOLS);
        Map<String, PoolOverride> overrides = new LinkedHashMap<>();
        for (String pool : pools.map().keys()) {
            if (Keys.WORKER_POOLS.contains(pool)) {
                ConfigSection override = pools.section(pool, Keys.POOL_OVERRIDE);
                overrides.put(pool, new PoolOverride(
                        override.enumValue("balancing", Balancing.class, null),
                        override.enumValue("when_empty", PoolOverride.WhenEmpty.class, null)));
            }
        }
        return overrides;
    }

    private static List<HostPort> endpoints(ConfigSection parent, String key) {
        Map<HostPort, ConfigNode> seen = new LinkedHashMap<>();
        for (ConfigNode item : parent.list(key).items()) {
            parent.problems().check(() -> {
                HostPort address = upstream(item);
                ConfigNode first = seen.putIfAbsent(address, item);
                if (first != null) {
                    throw item.error("duplicate endpoint " + address + " (already " + first.path() + " at line " + first.line() + ")");
                }
            });
        }
        return new ArrayList<>(seen.keySet());
    }

    /** An address to connect to: any host name or address, but a real port. */
    static HostPort upstream(ConfigNode node) {
        HostPort address = node.asHostPort();
        if (address.port() == 0) {
            throw node.error("port 0 cannot be connected to; give the port the process listens on");
        }
        return address;
    }
}
