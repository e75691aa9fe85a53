package io.synapserouter.bench;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.route.RequestHead;
import io.synapserouter.core.route.Route;
import io.synapserouter.routing.SynapseRouter;
import io.synapserouter.routing.config.PoolNames;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.config.SynapseSettings;
import io.synapserouter.routing.identity.IdentityResolver;
import io.synapserouter.routing.pool.PoolRegistry;
import io.synapserouter.routing.table.PlannedRule;
import io.synapserouter.routing.table.RuleSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one routing decision ({@link SynapseRouter#route}) over a realistic mix of client and
 * federation requests, against a deployment with every worker family configured (the full table
 * active), with a user cache hit for sync. {@code linearScanBaseline} tries the same active rules one
 * regex at a time, for comparison.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar RouteSelection -f 1 -wi 2 -i 3 -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouteSelectionBenchmark {

    /** listener, method, target: a mix weighted toward what clients send most (sync, room traffic). */
    private static final String[][] MIX = {
        {"client", "GET", "/_matrix/client/v3/sync?filter=0&since=s72594_4483_1934_1_33_1_6_77_0_1&timeout=30000"},
        {"client", "GET", "/_matrix/client/v3/sync?since=s72594_4483_1935&timeout=30000&set_presence=online"},
        {"client", "POST", "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync?pos=12&timeout=30000"},
        {"client", "GET", "/_matrix/client/v3/rooms/!OGEhHVWSdvArJzumhm:matrix.org/messages?dir=b&limit=20"},
        {"client", "PUT", "/_matrix/client/v3/rooms/%21OGEhHVWSdvArJzumhm%3Amatrix.org/send/m.room.message/m1700000000"},
        {"client", "PUT", "/_matrix/client/v3/rooms/!OGEhHVWSdvArJzumhm:matrix.org/typing/%40alice%3Aexample.org"},
        {"client", "POST", "/_matrix/client/v3/rooms/!OGEhHVWSdvArJzumhm:matrix.org/receipt/m.read/%24ev1"},
        {"client", "GET", "/_matrix/client/v3/rooms/!OGEhHVWSdvArJzumhm:matrix.org/members?membership=join"},
        {"client", "POST", "/_matrix/client/v3/keys/query"},
        {"client", "POST", "/_matrix/client/v3/keys/upload"},
        {"client", "GET", "/_matrix/client/versions"},
        {"client", "GET", "/_matrix/client/v3/pushrules/"},
        {"client", "GET", "/_matrix/client/v3/profile/%40alice%3Aexample.org"},
        {"client", "GET", "/_matrix/client/v1/media/thumbnail/example.org/abcdefgh?width=96&height=96"},
        {"client", "GET", "/_matrix/media/v3/download/example.org/abcdefgh"},
        {"client", "GET", "/_matrix/client/v3/user/%40alice%3Aexample.org/account_data/m.direct"},
        {"client", "POST", "/_matrix/client/v3/logout"},
        {"federation", "PUT", "/_matrix/federation/v1/send/1700000000000"},
        {"federation", "GET", "/_matrix/federation/v1/state_ids/%21OGEhHVWSdvArJzumhm%3Amatrix.org?event_id=%24ev1"},
        {"federation", "GET", "/_matrix/key/v2/server"},
    };

    private SynapseRouter router;
    private RequestHead[] heads;
    private List<List<Pattern>> linearRules;
    private int next;

    @Setup
    public void setUp() {
        Map<String, List<HostPort>> workers = new LinkedHashMap<>();
        for (String pool : List.of(PoolNames.ROOM, PoolNames.SYNC, PoolNames.INITIAL_SYNC, PoolNames.CLIENT_READER,
                PoolNames.FEDERATION_READER, PoolNames.MEDIA_REPOSITORY, PoolNames.USER_DIR)) {
            workers.put(pool, List.of(new HostPort(pool.replace('_', '-') + "-1", 8080), new HostPort(pool.replace('_', '-') + "-2", 8080)));
        }
        PoolNames.STREAM_WRITERS.forEach(w -> workers.put(w, List.of(new HostPort(w.replace('_', '-'), 8080))));
        RouterConfig config = new RouterConfig(null, null,
                new SynapseSettings(new HostPort("synapse", 8008), new HostPort("synapse", 8048)),
                workers, Map.of(), List.of(), null, null, null);
        CompletableFuture<String> cached = CompletableFuture.completedFuture("@alice:example.org");
        IdentityResolver resolver = head -> cached;
        router = SynapseRouter.create(config, PoolRegistry.fromConfig(config), resolver);

        heads = new RequestHead[MIX.length];
        for (int i = 0; i < MIX.length; i++) {
            DefaultHttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(MIX[i][1]), MIX[i][2]);
            request.headers().set("Authorization", MIX[i][0].equals("federation")
                    ? "X-Matrix origin=\"remote.example\",destination=\"example.org\",key=\"ed25519:a\",sig=\"c2ln\""
                    : "Bearer syt_YWxpY2U_abcdefghijklmnopqrst_0abcde");
            heads[i] = new RequestHead(MIX[i][0], request, "203.0.113." + (i + 1));
        }
        linearRules = new ArrayList<>();
        for (String listener : List.of(RuleSpec.CLIENT, RuleSpec.FEDERATION)) {
            linearRules.add(router.plan().activeRules(listener).stream().map(PlannedRule::pattern).toList());
        }
    }

    @Benchmark
    public Route routeMixedRequests() {
        RequestHead head = heads[next];
        next = next + 1 == heads.length ? 0 : next + 1;
        return router.route(head).toCompletableFuture().getNow(null);
    }

    @Benchmark
    public int linearScanBaseline() {
        RequestHead head = heads[next];
        next = next + 1 == heads.length ? 0 : next + 1;
        List<Pattern> rules = linearRules.get(head.listener().equals(RuleSpec.FEDERATION) ? 1 : 0);
        String path = head.rawPath();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).matcher(path).find()) {
                return i;
            }
        }
        return -1;
    }
}
