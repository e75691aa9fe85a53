package io.synapserouter.launcher.demo;

import io.synapserouter.launcher.app.RouterApplication;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.config.RouterConfigLoader;
import io.synapserouter.standin.StandinProcess;
import io.synapserouter.standin.SynapseStandin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A fake Synapse with workers of every kind and the router in front of it, all on 127.0.0.1. The
 * router's config is written as YAML text and loaded through the same loader as {@code run}, so the
 * demo also shows what a config looks like.
 */
public final class DemoDeployment implements AutoCloseable {

    /** Demo users and their devices' tokens: native Synapse tokens and an opaque MAS one. */
    static final String ALICE_PHONE = "syt_YWxpY2U_phoneDeviceTokenAbCdE_0aB1c2";
    static final String ALICE_LAPTOP = "mat_laptopDeviceOpaqueMasToken0123_a1B2c3";
    static final String BOB_PHONE = "syt_Ym9i_bobPhoneDeviceTokenXyZw_3dE4f5";

    private final SynapseStandin synapse;
    private final RouterApplication router;
    private final String yaml;

    private DemoDeployment(SynapseStandin synapse, RouterApplication router, String yaml) {
        this.synapse = synapse;
        this.router = router;
        this.yaml = yaml;
    }

    /**
     * Starts the fake Synapse on ephemeral ports and the router on the given ports (0 = any).
     *
     * @throws IllegalStateException when a port cannot be bound
     */
    public static DemoDeployment start(int clientPort, int federationPort, int adminPort) {
        SynapseStandin synapse = new SynapseStandin();
        try {
            synapse.tokens()
                    .put(ALICE_PHONE, "@alice:demo.example")
                    .put(ALICE_LAPTOP, "@alice:demo.example")
                    .put(BOB_PHONE, "@bob:demo.example");
            StandinProcess main = synapse.main();
            Map<String, List<StandinProcess>> workers = new java.util.LinkedHashMap<>();
            workers.put("sync", synapse.workers("sync", 3));
            workers.put("initial_sync", synapse.workers("initial-sync", 1));
            workers.put("room", synapse.workers("room", 2));
            workers.put("client_reader", synapse.workers("client-reader", 2));
            workers.put("federation_reader", synapse.workers("federation-reader", 2));
            workers.put("media_repository", synapse.workers("media", 1));
            workers.put("user_dir", synapse.workers("user-dir", 1));
            List<StandinProcess> typing = synapse.workers("typing-writer", 1);

            String yaml = config(main, workers, typing, clientPort, federationPort, adminPort);
            RouterConfig config = RouterConfigLoader.parse(yaml, "demo.yaml", Map.of());
            RouterApplication router = RouterApplication.start(config);
            return new DemoDeployment(synapse, router, yaml);
        } catch (RuntimeException e) {
            synapse.close();
            throw e instanceof IllegalStateException ? e : new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String config(StandinProcess main, Map<String, List<StandinProcess>> workers, List<StandinProcess> typing,
                                 int clientPort, int federationPort, int adminPort) {
        StringBuilder yaml = new StringBuilder()
                .append("listeners:\n")
                .append("  client: \"127.0.0.1:").append(clientPort).append("\"\n")
                .append("  federation: \"127.0.0.1:").append(federationPort).append("\"\n")
                .append("  admin: \"127.0.0.1:").append(adminPort).append("\"\n")
                .append("synapse:\n")
                .append("  client: \"").append(main.hostPort()).append("\"\n")
                .append("  federation: \"").append(main.hostPort()).append("\"\n")
                .append("workers:\n");
        workers.forEach((type, processes) -> yaml.append("  ").append(type).append(": ").append(list(processes)).append('\n'));
        yaml.append("  stream_writers:\n    typing: ").append(list(typing)).append('\n')
                .append("debug_headers: true\n")
                .append("access_log: { enabled: true, format: routing_debug }\n")
                .append("health_checks: { interval: 1s }\n")
                .append("shutdown_grace: 5s\n");
        return yaml.toString();
    }

    private static String list(List<StandinProcess> processes) {
        return processes.stream().map(p -> "\"" + p.hostPort() + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    public RouterApplication router() {
        return router;
    }

    /** The YAML the router was started with. */
    public String configYaml() {
        return yaml;
    }

    /** What the demo prints: where things run and the curl commands to try. */
    public String instructions() {
        String c = "http://127.0.0.1:" + router.port("client");
        String f = "http://127.0.0.1:" + router.port("federation");
        String a = router.adminAddress() == null ? null : "http://127.0.0.1:" + router.adminAddress().getPort();
        StringBuilder out = new StringBuilder();
        out.append("synapse-router demo: a fake Synapse (main + 13 workers) behind the router on 127.0.0.1.\n")
                .append("Every answer says which fake process served it (\"served_by\"); debug headers name the pool.\n")
                .append("Access log lines follow on stdout as requests arrive. Stop with Ctrl-C.\n\n");
        for (DemoRequest r : requests()) {
            out.append("# ").append(r.explanation()).append('\n')
                    .append(r.curl(r.federation() ? f : c)).append("\n\n");
        }
        if (a != null) {
            out.append("# Prometheus metrics, health and the routing view\n")
                    .append("curl -s ").append(a).append("/metrics | grep '^synapse_router_requests'\n")
                    .append("curl -s ").append(a).append("/status\n\n");
        }
        return out.toString();
    }

    /** The demo's requests, in the order printed. */
    public static List<DemoRequest> requests() {
        return List.of(
                new DemoRequest("Alice's phone syncs: her user is looked up once through whoami, then she sticks to one sync worker",
                        "GET", "/_matrix/client/v3/sync?since=s1&timeout=0", ALICE_PHONE, false, "sync-"),
                new DemoRequest("Alice's laptop (an opaque MAS token, passed as ?access_token=) lands on the SAME sync worker",
                        "GET", "/_matrix/client/v3/sync?since=s1&timeout=0&access_token=" + ALICE_LAPTOP, null, false, "sync-"),
                new DemoRequest("An initial sync (no since) goes to the initial-sync pool",
                        "GET", "/_matrix/client/v3/sync", BOB_PHONE, false, "initial-sync-"),
                new DemoRequest("Room messages stick to one room worker per room, percent-encoded or not",
                        "GET", "/_matrix/client/v3/rooms/%21demo%3Ademo.example/messages?dir=b", ALICE_PHONE, false, "room-"),
                new DemoRequest("Profile reads go to the least-busy client reader",
                        "GET", "/_matrix/client/v3/profile/@bob:demo.example", BOB_PHONE, false, "client-reader-"),
                new DemoRequest("Typing notifications go to the typing stream writer",
                        "PUT", "/_matrix/client/v3/rooms/%21demo%3Ademo.example/typing/@alice:demo.example", ALICE_PHONE, false, "typing-writer-"),
                new DemoRequest("Media goes to the media repository",
                        "GET", "/_matrix/client/v1/media/download/demo.example/abc123", ALICE_PHONE, false, "media-"),
                new DemoRequest("SSO redirects always reach the main process",
                        "GET", "/_matrix/client/v3/login/sso/redirect?redirectUrl=https%3A%2F%2Fapp.example", null, false, "main"),
                new DemoRequest("Federation: public rooms directory requests go to a federation reader",
                        "GET", "/_matrix/federation/v1/publicRooms", null, true, "federation-reader-"));
    }

    /** One request the demo suggests, with the fake process it should reach. */
    public record DemoRequest(String explanation, String method, String target, String bearer, boolean federation,
                              String expectedServedByPrefix) {

        public String curl(String base) {
            StringBuilder sb = new StringBuilder("curl -s");
            if (!method.equals("GET")) {
                sb.append(" -X ").append(method).append(" -H 'Content-Type: application/json' -d '{\"typing\":true,\"timeout\":3000}'");
            }
            if (bearer != null) {
                sb.append(" -H 'Authorization: Bearer ").append(bearer).append('\'');
            }
            return sb.append(" '").append(base).append(target).append('\'').toString();
        }
    }

    /** Drains the router within the demo's shutdown grace, then stops the fake Synapse behind it. */
    @Override
    public void close() {
        try {
            router.shutdown(Duration.ofSeconds(5)).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing the demo must not hide the reason it is being closed.
        }
        synapse.close();
    }
}
