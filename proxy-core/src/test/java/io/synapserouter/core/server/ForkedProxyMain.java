package io.synapserouter.core.server;

import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.config.LimitSettings;
import io.synapserouter.core.config.ListenerSettings;
import io.synapserouter.core.config.ProxySettings;
import io.synapserouter.core.config.TimeoutSettings;
import io.synapserouter.core.route.Route;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A proxy in its own JVM for {@link LargeTransferTest}: {@code ForkedProxyMain <backend port>} starts a
 * {@link ProxyServer} on 127.0.0.1:0 in front of that port, prints {@code PORT <n>}, and shuts down
 * when its standard input closes, printing {@code MAXHEAP <bytes>} (peak heap use) first.
 */
public final class ForkedProxyMain {

    private ForkedProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        int backendPort = Integer.parseInt(args[0]);
        Endpoint endpoint = new Endpoint("main", "127.0.0.1", backendPort);
        endpoint.address(new InetSocketAddress("127.0.0.1", backendPort));
        UpstreamPool pool = new UpstreamPool("main", List.of(endpoint), Balancing.LEAST_OUTSTANDING);
        Route route = new Route("all", pool, null, null);
        CompletableFuture<Route> decision = CompletableFuture.completedFuture(route);
        ProxySettings settings = new ProxySettings(
                List.of(new ListenerSettings("client", "127.0.0.1", 0, 300L * 1024 * 1024)),
                List.of(), TimeoutSettings.DEFAULTS, LimitSettings.DEFAULTS,
                Duration.ofSeconds(5), Duration.ofSeconds(5), false, "http", 2);
        ProxyServer server = ProxyServer.builder().settings(settings).router(head -> decision).build();
        server.start();
        System.out.println("PORT " + server.port("client"));
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // wait for the test to close our stdin
        }
        long peak = 0;
        for (var pool2 : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool2.getType() == java.lang.management.MemoryType.HEAP && pool2.getPeakUsage() != null) {
                peak += pool2.getPeakUsage().getUsed();
            }
        }
        System.out.println("MAXHEAP " + peak);
        System.out.flush();
        server.shutdown(Duration.ofSeconds(2)).toCompletableFuture().join();
        System.exit(0);
    }
}
