package io.synapserouter.routing;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.route.RequestHead;
import io.synapserouter.routing.config.PoolNames;
import io.synapserouter.routing.config.PoolOverride;
import io.synapserouter.routing.config.RouteRule;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.config.SynapseSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Router configurations for tests, with made-up addresses (no sockets) unless a test gives real ones. */
final class TestDeployments {

    static final HostPort MAIN = new HostPort("synapse.test", 8008);
    static final HostPort MAIN_FEDERATION = new HostPort("synapse.test", 8048);

    private TestDeployments() {
    }

    /** Worker counts for each named scenario of routing-expectations.txt. */
    static Map<String, Integer> scenario(String name) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        switch (name) {
            case "full" -> {
                counts.put(PoolNames.ROOM, 3);
                counts.put(PoolNames.SYNC, 2);
                counts.put(PoolNames.INITIAL_SYNC, 1);
                counts.put(PoolNames.CLIENT_READER, 2);
                counts.put(PoolNames.FEDERATION_READER, 2);
                counts.put(PoolNames.MEDIA_REPOSITORY, 2);
                counts.put(PoolNames.USER_DIR, 1);
                PoolNames.STREAM_WRITERS.forEach(w -> counts.put(w, 1));
            }
            case "sparse" -> {
                counts.put(PoolNames.ROOM, 2);
                counts.put(PoolNames.SYNC, 2);
                counts.put(PoolNames.CLIENT_READER, 2);
                counts.put(PoolNames.FEDERATION_READER, 1);
                counts.put(PoolNames.MEDIA_REPOSITORY, 1);
            }
            case "generic" -> counts.put(PoolNames.GENERIC, 2);
            case "none" -> {
            }
            default -> throw new IllegalArgumentException("unknown scenario " + name);
        }
        return counts;
    }

    /** Workers named {@code <pool>-<n>}, on made-up hosts. */
    static Map<String, List<HostPort>> workers(Map<String, Integer> counts) {
        Map<String, List<HostPort>> workers = new LinkedHashMap<>();
        counts.forEach((pool, n) -> {
            List<HostPort> list = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                list.add(new HostPort(pool.replace('_', '-') + "-" + i + ".test", 8000 + i));
            }
            workers.put(pool, list);
        });
        return workers;
    }

    static RouterConfig config(Map<String, List<HostPort>> workers) {
        return config(workers, Map.of(), List.of());
    }

    static RouterConfig config(Map<String, List<HostPort>> workers, Map<String, PoolOverride> pools, List<RouteRule> routes) {
        return config(MAIN, MAIN_FEDERATION, workers, pools, routes);
    }

    static RouterConfig config(HostPort main, HostPort mainFederation, Map<String, List<HostPort>> workers,
                               Map<String, PoolOverride> pools, List<RouteRule> routes) {
        return new RouterConfig(null, null, new SynapseSettings(main, mainFederation), workers, pools, routes, null, null, null);
    }

    static RequestHead head(String listener, String method, String target) {
        return head(listener, method, target, "203.0.113.7");
    }

    static RequestHead head(String listener, String method, String target, String clientAddress) {
        DefaultHttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), target);
        request.headers().set("Host", "matrix.example.org");
        return new RequestHead(listener, request, clientAddress);
    }
}
