package io.synapserouter.launcher.acceptance;

import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.launcher.app.RouterApplication;
import io.synapserouter.routing.config.RouterConfigLoader;
import io.synapserouter.standin.StandinProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The whole router in this JVM, started from YAML the way {@code run} starts it, on ephemeral ports. */
final class RouterUnderTest implements AutoCloseable {

    /** A sync request that goes to the sync pool (it has a {@code since}) and is answered at once. */
    static final String SYNC = "/_matrix/client/v3/sync?since=s72_1&timeout=0";

    private final RouterApplication app;

    private RouterUnderTest(RouterApplication app) {
        this.app = app;
    }

    static RouterUnderTest start(String yaml) {
        return new RouterUnderTest(RouterApplication.start(RouterConfigLoader.parse(yaml, "test.yaml", Map.of())));
    }

    /**
     * YAML for a router on 127.0.0.1 port 0 (client and admin) in front of {@code main}, with the given
     * sync workers and any further sections.
     */
    static String yaml(StandinProcess main, List<StandinProcess> sync, String more) {
        return "listeners: { client: \"127.0.0.1:0\", admin: \"127.0.0.1:0\" }\n"
                + "synapse: { client: \"" + main.hostPort() + "\" }\n"
                + "workers:\n"
                + "  sync: " + list(sync) + "\n"
                + more;
    }

    static String list(List<StandinProcess> processes) {
        return processes.stream().map(p -> "\"" + p.hostPort() + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    String client(String target) {
        return "http://127.0.0.1:" + app.port("client") + target;
    }

    String admin(String path) {
        return "http://127.0.0.1:" + app.adminAddress().getPort() + path;
    }

    RouterApplication app() {
        return app;
    }

    /** The endpoint of {@code pool} at {@code hostPort}. */
    Endpoint endpoint(String pool, String hostPort) {
        return app.pools().pool(pool).endpoints().stream()
                .filter(e -> (e.host() + ":" + e.port()).equals(hostPort))
                .findFirst().orElseThrow(() -> new AssertionError("no endpoint " + hostPort + " in pool " + pool));
    }

    /** A counter of the router's registry (0 when absent). */
    double counter(String name, String tagKey, String tagValue) {
        var counter = app.metrics().registry().find(name).tag(tagKey, tagValue).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() throws Exception {
        app.shutdown(Duration.ZERO).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
