package io.synapserouter.bench;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.synapserouter.core.route.RequestHead;
import io.synapserouter.routing.identity.AccessToken;
import io.synapserouter.routing.identity.TokenExtractor;
import io.synapserouter.routing.identity.internal.TokenDigest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Finding a request's token by Synapse's rules, and digesting it into a cache key: the two steps a
 * cached identity costs before the cache lookup itself.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar TokenExtraction -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenExtractionBenchmark {

    private static final String TOKEN = "mat_Q2xKcR7sWn0bV4dLh8tPz1yXg5mFj3abc123";
    private static final String SYNC = "/_matrix/client/v3/sync?filter=0&timeout=30000&since=s72594_4483_1934_7_22_1_1_0_0";

    private final RequestHead bearer = head(SYNC, "Bearer " + TOKEN);
    private final RequestHead query = head(SYNC + "&access_token=" + TOKEN, null);
    private final RequestHead appservice = head(SYNC + "&user_id=%40whatsapp_4915%3Aexample.org", "Bearer " + TOKEN);
    private final RequestHead none = head(SYNC, null);
    private final AccessToken token = TokenExtractor.extract(bearer);

    @Benchmark
    public AccessToken bearerHeader() {
        return TokenExtractor.extract(bearer);
    }

    @Benchmark
    public AccessToken queryParameter() {
        return TokenExtractor.extract(query);
    }

    @Benchmark
    public AccessToken appserviceUserId() {
        return TokenExtractor.extract(appservice);
    }

    @Benchmark
    public AccessToken noToken() {
        return TokenExtractor.extract(none);
    }

    @Benchmark
    public TokenDigest digest() {
        return TokenDigest.of(token.token(), token.userId(), token.deviceId());
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
