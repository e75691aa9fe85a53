package io.synapserouter.routing.identity;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.synapserouter.core.client.NettyHttpFetcher;
import io.synapserouter.routing.config.WhoamiSettings;
import io.synapserouter.standin.SynapseStandin;
import io.synapserouter.standin.TokenDirectory;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** A stand-in Synapse on 127.0.0.1 and a real fetcher, to build resolvers against. */
final class WhoamiFixture implements AutoCloseable {

    final SynapseStandin synapse = new SynapseStandin();
    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final NettyHttpFetcher fetcher = new NettyHttpFetcher(group, NioSocketChannel.class);
    final CountingMetrics metrics = new CountingMetrics();

    TokenDirectory tokens() {
        return synapse.tokens();
    }

    URI whoamiUrl() {
        return URI.create("http://" + synapse.main().hostPort() + "/_matrix/client/v3/account/whoami");
    }

    /** The defaults of {@code whoami:} but with the given timeout and breaker, for tests that need them short. */
    WhoamiSettings settings(Duration timeout, int breakerFailures, Duration breakerOpenFor) {
        return new WhoamiSettings(whoamiUrl(), timeout, Duration.ofHours(1), Duration.ofMinutes(1), 100_000,
                breakerFailures, breakerOpenFor);
    }

    WhoamiSettings defaults() {
        return settings(Duration.ofSeconds(2), 5, Duration.ofSeconds(10));
    }

    WhoamiResolver resolver(WhoamiSettings settings) {
        return builder(settings).build();
    }

    WhoamiResolver.Builder builder(WhoamiSettings settings) {
        return WhoamiResolver.builder(settings, fetcher, synapse.main()::address).metrics(metrics);
    }

    static String await(CompletionStage<String> stage) throws Exception {
        return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        synapse.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Counts what the resolver reports. */
    static final class CountingMetrics implements IdentityMetrics {
        private final Map<IdentityOutcome, LongAdder> counts = new EnumMap<>(IdentityOutcome.class);
        final LongAdder opened = new LongAdder();
        final LongAdder closed = new LongAdder();
        final LongAdder latencies = new LongAdder();

        CountingMetrics() {
            for (IdentityOutcome o : IdentityOutcome.values()) {
                counts.put(o, new LongAdder());
            }
        }

        @Override
        public void outcome(IdentityOutcome outcome) {
            counts.get(outcome).increment();
        }

        @Override
        public void lookupLatency(IdentityOutcome result, long nanos) {
            if (!result.isLookupResult() || nanos < 0) {
                throw new AssertionError("latency reported for " + result + ": " + nanos);
            }
            latencies.increment();
        }

        @Override
        public void breakerOpened() {
            opened.increment();
        }

        @Override
        public void breakerClosed() {
            closed.increment();
        }

        long count(IdentityOutcome outcome) {
            return counts.get(outcome).sum();
        }
    }
}
