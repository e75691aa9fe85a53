package io.synapserouter.routing.identity;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.synapserouter.core.client.FetchResponse;
import io.synapserouter.core.client.HttpFetcher;
import io.synapserouter.core.route.RequestHead;
import io.synapserouter.routing.config.WhoamiSettings;
import io.synapserouter.routing.identity.internal.CircuitBreaker;
import io.synapserouter.routing.identity.internal.QueryCodec;
import io.synapserouter.routing.identity.internal.Resolution;
import io.synapserouter.routing.identity.internal.SytTokens;
import io.synapserouter.routing.identity.internal.TokenDigest;
import io.synapserouter.routing.identity.internal.UserIds;
import io.synapserouter.routing.identity.internal.WhoamiAnswer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a request's access token to its user through Synapse's whoami, so that all of a user's
 * devices land on one sync worker.
 *
 * <p>The user key is the <em>localpart</em> of the user id whoami returns (as MDAD's nginx does).
 * Whoami only knows local users, so the localpart is as unique as the full id, and it is what a
 * {@code syt_} token carries: when whoami is down, such a user keeps routing to the same worker.
 *
 * <ul>
 *   <li>Answers are cached in a Caffeine async cache keyed by {@link TokenDigest} (never the token):
 *       a user for {@code whoami.ttl}, a 401/403 for {@code whoami.negative_ttl}, a failed lookup for
 *       a short {@link Builder#failureTtl(Duration) failure TTL}. Concurrent requests for a token
 *       share one lookup. A hit returns a completed stage stored with the entry: no allocation.</li>
 *   <li>A token whoami rejects gets no key (null), like a request without a token: the balancer
 *       spreads those, and Synapse answers them 401 itself.</li>
 *   <li>When a lookup fails (timeout, refused, 5xx, 429, garbage) the key falls back to the localpart
 *       of an appservice {@code user_id} parameter, else the localpart inside a {@code syt_} token,
 *       else the token digest in hex.</li>
 *   <li>After {@code whoami.breaker.failures} consecutive failures the breaker opens: for
 *       {@code whoami.breaker.open_for} no lookup is made and the fallback is used at once; then one
 *       probe lookup decides. 401/403 are answers, not failures.</li>
 * </ul>
 * The returned stage never fails; requests are always forwarded.
 */
public final class WhoamiResolver implements IdentityResolver {

    /** How long a failed lookup's fallback is kept: long enough to damp a client retrying in a loop. */
    public static final Duration DEFAULT_FAILURE_TTL = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(WhoamiResolver.class);
    private static final CompletionStage<String> NO_USER = CompletableFuture.completedStage(null);
    /** Past the fetcher's own deadline: only a fetcher that broke its contract makes this fire. */
    private static final long SAFETY_MARGIN_MILLIS = 1_000;

    private final HttpFetcher fetcher;
    private final Supplier<InetSocketAddress> address;
    private final Duration timeout;
    private final Duration ttl;
    private final Duration negativeTtl;
    private final Duration failureTtl;
    private final Duration openFor;
    private final String target;
    private final String host;
    private final String urlForLogs;
    private final IdentityMetrics metrics;
    private final CircuitBreaker breaker;
    private final AsyncCache<TokenDigest, Resolution> cache;
    private volatile String lastFailure = "";

    private WhoamiResolver(Builder b) {
        WhoamiSettings s = b.settings;
        URI url = checkedUrl(s.url());
        this.fetcher = b.fetcher;
        this.address = b.address;
        this.timeout = positive(s.timeout(), "whoami.timeout");
        this.ttl = positive(s.ttl(), "whoami.cache.ttl");
        this.negativeTtl = notNegative(s.negativeTtl(), "whoami.cache.negative_ttl");
        this.failureTtl = notNegative(b.failureTtl, "failure TTL");
        if (s.maxEntries() < 1) {
            throw new IllegalArgumentException("whoami.cache.max_entries must be at least 1, got " + s.maxEntries());
        }
        if (s.breakerFailures() < 1) {
            throw new IllegalArgumentException("whoami.breaker.failures must be at least 1, got " + s.breakerFailures());
        }
        this.openFor = positive(s.breakerOpenFor(), "whoami.breaker.open_for");
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        this.target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        this.host = url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
        this.urlForLogs = "http://" + host + path;
        this.metrics = b.metrics;
        this.breaker = new CircuitBreaker(s.breakerFailures(), openFor, System::nanoTime, new BreakerLog());
        this.cache = Caffeine.newBuilder()
                .maximumSize(s.maxEntries())
                .expireAfter(Expiry.writing((TokenDigest key, Resolution r) -> r.ttl()))
                // Maintenance in small batches on the calling thread, never waiting on the lock: on a hit-heavy
                // event loop, handing it to the common pool cost a thread wake-up every few reads.
                .executor(Runnable::run)
                .recordStats()
                .buildAsync();
    }

    /**
     * @param settings the {@code whoami:} section
     * @param fetcher  the non-blocking client lookups go through
     * @param address  where Synapse's whoami listens, already resolved (for instance the main
     *                 process's {@code Endpoint::address}, kept fresh by the endpoint resolver); read
     *                 once per lookup. An unresolved address fails the lookup rather than resolve on
     *                 an event loop.
     */
    public static Builder builder(WhoamiSettings settings, HttpFetcher fetcher, Supplier<InetSocketAddress> address) {
        return new Builder(settings, fetcher, address);
    }

    /** The cache, for {@code CaffeineCacheMetrics.monitor(registry, resolver.cache(), "identity")}; stats are recorded. */
    public AsyncCache<?, ?> cache() {
        return cache;
    }

    @Override
    public CompletionStage<String> userKey(RequestHead head) {
        AccessToken token = TokenExtractor.extract(head);
        if (token == null) {
            metrics.outcome(IdentityOutcome.NO_TOKEN);
            return NO_USER;
        }
        TokenDigest key = TokenDigest.of(token.token(), token.userId(), token.deviceId());
        CompletableFuture<Resolution> cached = cache.getIfPresent(key);
        if (cached != null) {
            if (cached.isDone() && !cached.isCompletedExceptionally()) {
                metrics.outcome(IdentityOutcome.HIT);
                return cached.join().stage();
            }
            if (!cached.isDone()) {
                metrics.outcome(IdentityOutcome.COALESCED);
                return keyOf(cached, token, key);
            }
        }
        return lookUp(token, key, head);
    }

    private CompletionStage<String> lookUp(AccessToken token, TokenDigest key, RequestHead head) {
        CircuitBreaker.Permit permit = breaker.tryAcquire();
        if (permit == CircuitBreaker.Permit.DENIED) {
            metrics.outcome(IdentityOutcome.BREAKER_OPEN);
            return CompletableFuture.completedStage(fallbackKey(token, key));
        }
        Lookup lookup = new Lookup(token, head, permit);
        CompletableFuture<Resolution> entry = cache.asMap().computeIfAbsent(key, lookup);
        if (lookup.started) {
            metrics.outcome(IdentityOutcome.MISS);
        } else {
            breaker.release(permit); // another request's lookup got there first
            metrics.outcome(IdentityOutcome.COALESCED);
        }
        if (entry.isDone() && !entry.isCompletedExceptionally()) {
            return entry.join().stage();
        }
        return keyOf(entry, token, key);
    }

    /** The key once the entry completes; a failed entry (only a bug could make one) still yields the fallback. */
    private CompletionStage<String> keyOf(CompletableFuture<Resolution> entry, AccessToken token, TokenDigest key) {
        return entry.handle((resolution, failure) -> resolution != null ? resolution.userKey() : fallbackKey(token, key));
    }

    /** Starts the one lookup for a key; Caffeine calls it at most once per absent key. */
    private final class Lookup implements Function<TokenDigest, CompletableFuture<Resolution>> {
        private final AccessToken token;
        private final RequestHead head;
        private final CircuitBreaker.Permit permit;
        boolean started;

        Lookup(AccessToken token, RequestHead head, CircuitBreaker.Permit permit) {
            this.token = token;
            this.head = head;
            this.permit = permit;
        }

        @Override
        public CompletableFuture<Resolution> apply(TokenDigest key) {
            started = true;
            return start(token, key, head, permit);
        }
    }

    private CompletableFuture<Resolution> start(AccessToken token, TokenDigest key, RequestHead head, CircuitBreaker.Permit permit) {
        long startNanos = System.nanoTime();
        CompletableFuture<FetchResponse> answer = new CompletableFuture<>();
        try {
            InetSocketAddress to = Objects.requireNonNull(address.get(), "no whoami address");
            if (to.isUnresolved()) {
                throw new IllegalStateException("whoami host " + to.getHostString() + " is not resolved yet");
            }
            fetcher.get(to, targetFor(token), headersFor(token, head), timeout).whenComplete((response, failure) -> {
                if (failure != null) {
                    answer.completeExceptionally(failure);
                } else {
                    answer.complete(response);
                }
            });
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        answer.orTimeout(timeout.toMillis() + SAFETY_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
        return answer.handle((response, failure) -> settle(token, key, permit, startNanos, response, failure));
    }

    private String targetFor(AccessToken token) {
        if (token.userId() == null && token.deviceId() == null) {
            return target;
        }
        StringBuilder sb = new StringBuilder(target.length() + 64).append(target);
        char separator = target.indexOf('?') < 0 ? '?' : '&';
        if (token.userId() != null) {
            sb.append(separator).append(AccessToken.USER_ID_PARAM).append('=');
            QueryCodec.encode(sb, token.userId());
            separator = '&';
        }
        if (token.deviceId() != null) {
            sb.append(separator).append(token.deviceParam()).append('=');
            QueryCodec.encode(sb, token.deviceId());
        }
        return sb.toString();
    }

    /** Synapse records the lookup as the device's last use, so it carries the client's address and agent. */
    private HttpHeaders headersFor(AccessToken token, RequestHead head) {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.HOST, host);
        headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token.token());
        headers.set(HttpHeaderNames.ACCEPT, "application/json");
        String client = head.clientAddress();
        if (client != null && !client.isEmpty()) {
            headers.set("X-Forwarded-For", client);
        }
        String userAgent = head.headers().get(HttpHeaderNames.USER_AGENT);
        if (userAgent != null) {
            headers.set(HttpHeaderNames.USER_AGENT, userAgent);
        }
        return headers;
    }

    private Resolution settle(AccessToken token, TokenDigest key, CircuitBreaker.Permit permit, long startNanos,
                              FetchResponse response, Throwable failure) {
        long nanos = System.nanoTime() - startNanos;
        IdentityOutcome outcome;
        Resolution resolution;
        String detail;
        try {
            Throwable cause = unwrap(failure);
            String userId = null;
            if (cause != null) {
                outcome = cause instanceof TimeoutException ? IdentityOutcome.TIMEOUT : IdentityOutcome.ERROR;
                detail = describe(cause);
            } else if (response.status() == 200) {
                userId = WhoamiAnswer.userId(response.body());
                outcome = userId != null ? IdentityOutcome.OK : IdentityOutcome.ERROR;
                detail = userId != null ? userId : "status 200 without a readable user_id";
            } else if (response.status() == 401 || response.status() == 403) {
                outcome = IdentityOutcome.UNAUTHORIZED;
                detail = "status " + response.status();
            } else {
                outcome = IdentityOutcome.ERROR;
                detail = "status " + response.status();
            }
            resolution = switch (outcome) {
                case OK -> new Resolution(Resolution.Kind.USER, UserIds.localpart(userId), ttl);
                case UNAUTHORIZED -> new Resolution(Resolution.Kind.REJECTED, null, negativeTtl);
                default -> new Resolution(Resolution.Kind.FAILED, fallbackKey(token, key), failureTtl);
            };
        } catch (RuntimeException bug) {
            outcome = IdentityOutcome.ERROR;
            detail = describe(bug);
            resolution = new Resolution(Resolution.Kind.FAILED, fallbackKey(token, key), failureTtl);
        }
        try {
            metrics.lookupLatency(outcome, nanos);
            metrics.outcome(outcome);
            if (log.isDebugEnabled()) {
                log.debug("whoami {} for token {}{} in {} ms: {} -> key {}", outcome.tag(), key.shortHex(),
                        permit == CircuitBreaker.Permit.PROBE ? " (breaker probe)" : "",
                        TimeUnit.NANOSECONDS.toMillis(nanos), detail, resolution.userKey());
            }
        } finally {
            // whatever happened above, the permit goes back: a lost probe would hold the breaker half-open for good
            if (outcome == IdentityOutcome.OK || outcome == IdentityOutcome.UNAUTHORIZED) {
                breaker.success();
            } else {
                lastFailure = detail;
                breaker.failure(permit);
            }
        }
        return resolution;
    }

    /**
     * The key when whoami cannot say: the appservice's masqueraded user, else the localpart a
     * {@code syt_} token carries, else the digest. Deterministic, so every router process agrees.
     */
    static String fallbackKey(AccessToken token, TokenDigest key) {
        String localpart = UserIds.localpart(token.userId());
        if (localpart == null) {
            localpart = SytTokens.localpart(token.token());
        }
        return localpart != null ? localpart : key.hex();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Network and timeout messages name addresses, never request content; other messages are left out. */
    private static String describe(Throwable cause) {
        String name = cause.getClass().getSimpleName();
        boolean safeMessage = cause instanceof IOException || cause instanceof TimeoutException;
        return safeMessage && cause.getMessage() != null ? name + ": " + cause.getMessage() : name;
    }

    boolean breakerClosed() {
        return breaker.isClosed();
    }

    private static URI checkedUrl(URI url) {
        if (url == null || !url.isAbsolute() || url.getHost() == null) {
            throw new IllegalArgumentException("whoami.url must be an absolute http:// URL with a host, got " + url);
        }
        if (!"http".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("whoami.url must use http:// (lookups go to Synapse's own listener), got " + url.getScheme() + "://");
        }
        return url;
    }

    private static Duration positive(Duration d, String key) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be a positive duration, got " + d);
        }
        return d;
    }

    private static Duration notNegative(Duration d, String key) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be zero or positive, got " + d);
        }
        return d;
    }

    private final class BreakerLog implements CircuitBreaker.Listener {
        @Override
        public void opened(int consecutiveFailures) {
            log.warn("whoami at {} failed {} times in a row (last: {}); routing by fallback keys without lookups for {} ms, then probing",
                    urlForLogs, consecutiveFailures, lastFailure, openFor.toMillis());
            metrics.breakerOpened();
        }

        @Override
        public void closed() {
            log.info("whoami at {} answers again; lookups resume", urlForLogs);
            metrics.breakerClosed();
        }
    }

    /** Optional parts of a {@link WhoamiResolver}. */
    public static final class Builder {
        private final WhoamiSettings settings;
        private final HttpFetcher fetcher;
        private final Supplier<InetSocketAddress> address;
        private IdentityMetrics metrics = IdentityMetrics.NONE;
        private Duration failureTtl = DEFAULT_FAILURE_TTL;

        private Builder(WhoamiSettings settings, HttpFetcher fetcher, Supplier<InetSocketAddress> address) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
            this.address = Objects.requireNonNull(address, "address");
        }

        public Builder metrics(IdentityMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** How long a failed lookup's fallback key is cached (default {@link WhoamiResolver#DEFAULT_FAILURE_TTL}; zero: not at all). */
        public Builder failureTtl(Duration failureTtl) {
            this.failureTtl = failureTtl;
            return this;
        }

        public WhoamiResolver build() {
            return new WhoamiResolver(this);
        }
    }
}
