package io.synapserouter.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.synapserouter.core.client.NettyHttpFetcher;
import io.synapserouter.core.route.RequestHead;
import io.synapserouter.routing.config.WhoamiSettings;
import io.synapserouter.routing.identity.WhoamiResolver;
import io.synapserouter.standin.SynapseStandin;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a sync request's identity when the token is cached: token extraction, digest, cache
 * lookup and the shared completed stage. Whoami is the stand-in on 127.0.0.1, asked once per token
 * during setup only.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar IdentityCacheHit -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IdentityCacheHitBenchmark {

    private static final String SYNC = "/_matrix/client/v3/sync?filter=0&timeout=30000&since=s72594_4483_1934_7_22_1_1_0_0";

    /** How many users are cached (a bigger cache means colder memory; every setup lookup is its own connection, so not 100k). */
    @Param({"1", "20000"})
    public int users;

    private SynapseStandin synapse;
    private EventLoopGroup group;
    private WhoamiResolver resolver;
    private RequestHead[] headerHeads;
    private RequestHead[] queryHeads;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        synapse = new SynapseStandin();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        WhoamiSettings settings = new WhoamiSettings(
                URI.create("http://" + synapse.main().hostPort() + "/_matrix/client/v3/account/whoami"),
                Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofMinutes(1), users + 1_000L, 5, Duration.ofSeconds(10));
        resolver = WhoamiResolver.builder(settings, new NettyHttpFetcher(group, NioSocketChannel.class), synapse.main()::address).build();
        headerHeads = new RequestHead[users];
        queryHeads = new RequestHead[users];
        for (int i = 0; i < users; i++) {
            String token = "mat_" + Integer.toString(i, 36) + "x0123456789abcdefghijklmnopqrstuvwxyzAB".substring(0, 30);
            synapse.tokens().put(token, "@user" + i + ":example.org");
            headerHeads[i] = head(SYNC, "Bearer " + token);
            queryHeads[i] = head(SYNC + "&access_token=" + token, null);
        }
        // Fill the cache, a few hundred lookups in flight at a time.
        for (int from = 0; from < users; from += 500) {
            CompletionStage<?>[] batch = new CompletionStage<?>[Math.min(500, users - from)];
            for (int j = 0; j < batch.length; j++) {
                batch[j] = resolver.userKey(headerHeads[from + j]);
            }
            for (CompletionStage<?> stage : batch) {
                if (stage.toCompletableFuture().get(30, TimeUnit.SECONDS) == null) {
                    throw new IllegalStateException("setup lookup found no user");
                }
            }
        }
        if (synapse.tokens().calls() != users) {
            throw new IllegalStateException("expected " + users + " lookups, saw " + synapse.tokens().calls());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long calls = synapse.tokens().calls();
        synapse.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (calls != users) {
            throw new IllegalStateException("the measured loop made whoami calls: " + (calls - users));
        }
    }

    @Benchmark
    public CompletionStage<String> hitWithBearerHeader() {
        return resolver.userKey(headerHeads[ThreadLocalRandom.current().nextInt(users)]);
    }

    @Benchmark
    public CompletionStage<String> hitWithQueryToken() {
        return resolver.userKey(queryHeads[ThreadLocalRandom.current().nextInt(users)]);
    }

    private static RequestHead head(String target, String authorization) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set("Host", "matrix.example.org");
        headers.set("User-Agent", "Element/1.11.0 (Linux)");
        headers.set("Accept", "application/json");
        if (authorization != null) {
            headers.set("Authorization", authorization);
        }
        return new RequestHead("client", new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target, headers), "192.0.2.10");
    }
}
