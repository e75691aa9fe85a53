package io.synapserouter.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.config.LimitSettings;
import io.synapserouter.core.config.ListenerSettings;
import io.synapserouter.core.config.ProxySettings;
import io.synapserouter.core.config.TimeoutSettings;
import io.synapserouter.core.observe.ExchangeRecord;
import io.synapserouter.core.route.Route;
import io.synapserouter.core.route.Router;
import io.synapserouter.core.transport.Transport;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Building, binding and sharing: several listeners, a shared NIO group, a clear error on a taken port. */
class ProxyServerLifecycleTest {

    private static TestBackend backend;
    private static UpstreamPool pool;

    @BeforeAll
    static void start() {
        backend = TestBackend.start("lifecycle");
        Endpoint endpoint = new Endpoint("main", "127.0.0.1", backend.port());
        endpoint.address(new InetSocketAddress("127.0.0.1", backend.port()));
        pool = new UpstreamPool("main", List.of(endpoint), Balancing.LEAST_OUTSTANDING);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static ProxySettings settings(ListenerSettings... listeners) {
        return new ProxySettings(List.of(listeners), List.of(), TimeoutSettings.DEFAULTS, LimitSettings.DEFAULTS,
                Duration.ofSeconds(5), Duration.ofSeconds(5), false, "http", 1);
    }

    private static Router everythingToMain() {
        return head -> CompletableFuture.completedFuture(new Route(head.listener() + "-route", pool, null, null));
    }

    @Test
    void eachListenerHasItsOwnNameAndBodyLimit() throws Exception {
        BlockingQueue<ExchangeRecord> records = new LinkedBlockingQueue<>();
        ProxyServer server = ProxyServer.builder()
                .settings(settings(new ListenerSettings("client", "127.0.0.1", 0, 10),
                        new ListenerSettings("federation", "127.0.0.1", 0, 100)))
                .router(everythingToMain())
                .exchangeListener(records::add)
                .build();
        server.start();
        try {
            assertThat(server.port("client")).isNotEqualTo(server.port("federation"));
            String body = "x".repeat(50);
            try (RawClient client = new RawClient(server.port("client"))) {
                client.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 50\r\n\r\n" + body);
                assertThat(client.read(false).status).isEqualTo(413);
            }
            try (RawClient federation = new RawClient(server.port("federation"))) {
                federation.send("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 50\r\n\r\n" + body);
                assertThat(federation.read(false).body()).startsWith("bytes=50 ");
            }
            List<String> listeners = List.of(records.poll(10, TimeUnit.SECONDS).listener(), records.poll(10, TimeUnit.SECONDS).listener());
            assertThat(listeners).containsExactlyInAnyOrder("client", "federation");
            assertThatThrownBy(() -> server.port("admin")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("admin");
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        } finally {
            server.shutdown(Duration.ofSeconds(1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sharedNioGroupServesAndOutlivesTheServer() throws Exception {
        EventLoopGroup group = Transport.NIO.newGroup(1, new DefaultThreadFactory("shared-test"));
        try {
            ProxyServer server = ProxyServer.builder()
                    .settings(settings(new ListenerSettings("client", "127.0.0.1", 0, 1024)))
                    .router(everythingToMain())
                    .eventLoopGroup(group, Transport.NIO)
                    .build();
            server.start();
            assertThat(server.transport()).isEqualTo(Transport.NIO);
            try (RawClient client = new RawClient(server.port("client"))) {
                RawClient.Response response = client.get("/download?bytes=100&seed=8");
                assertThat(response.sha256).isEqualTo(DataPattern.sha256(8, 100));
            }
            server.shutdown(Duration.ofSeconds(1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(group.isShuttingDown()).as("a shared group belongs to its owner").isFalse();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void takenPortFailsStartNamingTheListenerAndAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ProxyServer server = ProxyServer.builder()
                    .settings(settings(new ListenerSettings("client", "127.0.0.1", 0, 1024),
                            new ListenerSettings("federation", "127.0.0.1", taken.getLocalPort(), 1024)))
                    .router(everythingToMain())
                    .build();
            assertThatThrownBy(server::start)
                    .isInstanceOf(ListenerBindException.class)
                    .hasMessageContaining("'federation'")
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
            assertThat(server.shutdown(Duration.ZERO).toCompletableFuture().get(10, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void builderRequiresSettingsAndRouter() {
        assertThatThrownBy(() -> ProxyServer.builder().router(everythingToMain()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("settings");
        assertThatThrownBy(() -> ProxyServer.builder().settings(settings(new ListenerSettings("client", "127.0.0.1", 0, 1))).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("router");
    }
}
