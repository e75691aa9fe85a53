package io.synapserouter.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.client.NettyHttpFetcher;
import io.synapserouter.core.config.HealthCheckSettings;
import io.synapserouter.core.health.HealthChecker;
import io.synapserouter.core.health.HealthListener;
import io.synapserouter.standin.StandinProcess;
import io.synapserouter.standin.SynapseStandin;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The resolver and the health checker together, on real sockets, as the launcher wires them. */
class RestartedWorkerTest {

    private static final long WAIT_MS = 10_000;

    @Test
    void aWorkerRestartedUnderANewAddressComesBackIntoRotation() throws Exception {
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        FakeDns dns = new FakeDns();
        // two "container addresses" on loopback: 127.0.0.1 before the restart, 127.0.0.2 after
        try (SynapseStandin before = new SynapseStandin();
             SynapseStandin after = new SynapseStandin(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()), true, "127.0.0.2")) {
            StandinProcess old = before.start("sync-1", 0, false);
            StandinProcess neighbour = before.start("sync-2", 0, false);
            int port = old.address().getPort();
            dns.put("matrix-synapse-worker-sync-1", "127.0.0.1").put("matrix-synapse-worker-sync-2", "127.0.0.1");
            Endpoint restarted = new Endpoint("sync", "matrix-synapse-worker-sync-1", port);
            Endpoint other = new Endpoint("sync", "matrix-synapse-worker-sync-2", neighbour.address().getPort());
            UpstreamPool pool = new UpstreamPool("sync", List.of(restarted, other), Balancing.CONSISTENT_HASH);

            EndpointResolver resolver = new EndpointResolver(pool.endpoints(), Duration.ofMillis(100), dns);
            HealthChecker checker = new HealthChecker(List.of(pool),
                    new HealthCheckSettings(Duration.ofMillis(50), Duration.ofMillis(2_000), 2, 2, "/health"),
                    new NettyHttpFetcher(loops, NioSocketChannel.class), loops, HealthListener.NONE);
            try {
                resolver.start();
                checker.start();
                await(() -> old.requests() >= 2 && restarted.available());

                before.stop("sync-1");
                await(() -> !restarted.available());

                StandinProcess fresh = after.start("sync-1", port, false);
                dns.put("matrix-synapse-worker-sync-1", "127.0.0.2");
                long changed = System.nanoTime();
                await(restarted::available);
                System.out.printf("restart: back in rotation %d ms after the new address appeared in DNS%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changed));
                assertThat(restarted.address().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
                assertThat(fresh.requests()).isPositive();
                assertThat(other.available()).isTrue();
            } finally {
                checker.stop();
                resolver.stop();
            }
        } finally {
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT_MS + " ms");
            }
            Thread.sleep(5);
        }
    }
}
