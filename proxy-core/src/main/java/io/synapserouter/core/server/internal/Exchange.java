package io.synapserouter.core.server.internal;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.synapserouter.core.config.ListenerSettings;
import io.synapserouter.core.config.ProxySettings;
import io.synapserouter.core.error.ProxyError;
import io.synapserouter.core.observe.ExchangeRecord;
import io.synapserouter.core.observe.ExchangeRecord.Outcome;
import io.synapserouter.core.route.CompletedStages;
import io.synapserouter.core.route.RequestHead;
import io.synapserouter.core.route.Route;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and its response, from the decoded head to the last byte written to the client: it asks
 * the router where to go, takes an upstream connection on the client's event loop, streams the body
 * up and the answer down, retries once where that is safe, answers locally when it must, and reports
 * one {@link ExchangeRecord}. Every method runs on the client channel's event loop.
 *
 * <p>Retry rules: an attempt that fails before the upstream sent any response byte is repeated on
 * another endpoint when nothing of the request that cannot be replayed has been consumed, i.e. no body
 * byte has been sent, and either the connection never opened or the method is idempotent. A pooled
 * keep-alive connection that dies that way is first retried on a fresh connection to the same endpoint
 * (the keep-alive race), without blaming the endpoint.
 */
final class Exchange implements UpstreamListener {

    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    static final AsciiString DEBUG_POOL = AsciiString.cached("x-synapse-router-pool");
    static final AsciiString DEBUG_UPSTREAM = AsciiString.cached("x-synapse-router-upstream");
    static final AsciiString DEBUG_ROUTE = AsciiString.cached("x-synapse-router-route");

    private final ServerContext server;
    private final ProxySettings settings;
    private final ClientConnection client;
    private final ListenerSettings listener;
    private final HttpRequest request;
    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    private final String method;
    private final String rawTarget;
    private final String httpVersion;
    private final String host;
    private final String userAgent;
    private final String referer;
    private final boolean http10;
    private final boolean clientKeepAlive;
    private final boolean head;
    private String clientAddress;
    private boolean bodyExpected;
    private boolean expectContinue;
    private boolean hostMissing;

    private Route route;
    private Endpoint endpoint;
    private int attempt;
    private boolean attemptOpen;
    private boolean retried;
    private UpstreamConnectionPool connections;
    private UpstreamConnection upstream;
    private boolean upstreamNeedsFlush;
    private boolean continueSent;

    private long bytesIn;
    private long bodyBytesSent;
    private boolean requestComplete;
    private boolean requestSent;

    private boolean responseStarted;
    private boolean responseHeadWritten;
    private boolean responseComplete;
    private boolean ignoringInterim;
    private boolean upstreamKeepAlive;
    private boolean clientNeedsFlush;
    private boolean closeClient;
    private boolean answeredLocally;
    private boolean pausedForClient;
    private int status;
    private int upstreamStatus;
    private long bytesOut;
    private long upstreamStartNanos;
    private long upstreamNanos = -1;
    private boolean finished;

    private final long upstreamIdleNanos;
    private long lastActivityNanos;
    private boolean idleTimerArmed;

    Exchange(ServerContext server, ClientConnection client, ListenerSettings listener, HttpRequest request) {
        this.server = server;
        this.settings = server.settings();
        this.client = client;
        this.listener = listener;
        this.request = request;
        boolean lineKnown = !(request.decoderResult().cause() instanceof TooLongHttpLineException);
        this.method = lineKnown ? request.method().name() : "-";
        this.rawTarget = lineKnown ? request.uri() : "-";
        this.httpVersion = request.protocolVersion().text();
        HttpHeaders headers = request.headers();
        this.host = headers.get(HttpHeaderNames.HOST);
        this.userAgent = headers.get(HttpHeaderNames.USER_AGENT);
        this.referer = headers.get(HttpHeaderNames.REFERER);
        this.http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        this.clientKeepAlive = HttpUtil.isKeepAlive(request);
        this.head = HttpMethod.HEAD.equals(request.method());
        this.clientAddress = client.peerAddress();
        this.upstreamIdleNanos = settings.timeouts().upstreamResponse().toNanos();
    }

    // ---------------------------------------------------------------- request head and routing

    void start() {
        ProxyError headError = HeadFailures.classify(request.decoderResult(), settings.limits().maxRequestHead());
        if (headError != null) {
            ReferenceCountUtil.release(request);
            respondLocally(headError, HeadFailures.message(headError), true);
            return;
        }
        HttpHeaders headers = request.headers();
        int hosts = headers.getAll(HttpHeaderNames.HOST).size();
        if (hosts > 1 || (hosts == 0 && !http10)) {
            respondLocally(ProxyError.BAD_REQUEST, "A request needs exactly one Host header", true);
            return;
        }
        hostMissing = hosts == 0;
        long contentLength = HttpUtil.getContentLength(request, -1L);
        bodyExpected = contentLength > 0 || HttpUtil.isTransferEncodingChunked(request);
        if (contentLength > listener.maxBodyBytes()) {
            respondLocally(ProxyError.TOO_LARGE, tooLargeMessage(), true);
            return;
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            // We answer the expectation ourselves, once an upstream is ready for the body.
            expectContinue = true;
            headers.remove(HttpHeaderNames.EXPECT);
        }
        HopByHopHeaders.stripRequest(headers);
        clientAddress = ForwardedHeaders.apply(headers, client.peerAddress(), client.peerTrusted(),
                settings.defaultForwardedProto());
        if (http10) {
            request.setProtocolVersion(HttpVersion.HTTP_1_1);
        }
        route();
    }

    private void route() {
        CompletionStage<Route> stage;
        try {
            stage = server.router().route(new RequestHead(listener.name(), request, clientAddress));
        } catch (RuntimeException e) {
            routed(null, e);
            return;
        }
        if (stage == null) {
            routed(null, new IllegalStateException("router returned no decision"));
            return;
        }
        CompletableFuture<Route> future = CompletedStages.ifDone(stage);
        if (future != null) {
            // The cheap path: a decision that is already made does not leave the event loop.
            Route decided = null;
            Throwable failure = null;
            try {
                decided = future.join();
            } catch (RuntimeException e) {
                failure = e;
            }
            routed(decided, failure);
            return;
        }
        client.holdInput();
        EventLoop loop = client.eventLoop();
        stage.whenComplete((decided, failure) -> {
            if (loop.inEventLoop()) {
                routed(decided, failure);
                return;
            }
            try {
                loop.execute(() -> routed(decided, failure));
            } catch (RejectedExecutionException e) {
                LOG.debug("event loop gone before the route of {} arrived", safeTarget());
            }
        });
    }

    private void routed(Route decided, Throwable failure) {
        if (finished) {
            return;
        }
        if (failure != null || decided == null) {
            LOG.warn("router failed for {} {}", method, safeTarget(), failure);
            respondLocally(ProxyError.BAD_GATEWAY, "Routing failed", false);
            return;
        }
        route = decided;
        Endpoint chosen = decided.pool().select(decided.key(), null);
        if (chosen == null && decided.fallback() != null) {
            chosen = decided.fallback().select(decided.key(), null);
        }
        if (chosen == null) {
            respondLocally(ProxyError.NO_UPSTREAM, "No upstream available", false);
            return;
        }
        beginAttempt(chosen, false);
    }

    // ---------------------------------------------------------------- attempts

    private void beginAttempt(Endpoint target, boolean freshConnection) {
        endpoint = target;
        attempt++;
        target.requestStarted();
        attemptOpen = true;
        if (connections == null) {
            connections = server.upstreams().forLoop(client.eventLoop());
        }
        if (!freshConnection) {
            UpstreamConnection pooled = connections.pollIdle(target);
            if (pooled != null) {
                connected(pooled);
                return;
            }
        }
        var address = target.address();
        if (address.isUnresolved()) {
            // Resolution happens in the background; until it has, the endpoint cannot be reached.
            connectFailed(new ConnectException("address of " + target.id() + " is not resolved yet"));
            return;
        }
        client.holdInput();
        UpstreamConnectionPool.Pending pending = connections.connect(target, address);
        int thisAttempt = attempt;
        ChannelFuture future = pending.future();
        if (future.isDone()) {
            connectDone(pending, thisAttempt);
        } else {
            future.addListener(f -> connectDone(pending, thisAttempt));
        }
    }

    private void connectDone(UpstreamConnectionPool.Pending pending, int forAttempt) {
        ChannelFuture future = pending.future();
        if (finished || forAttempt != attempt) {
            // Nobody waits for this connection any more; a healthy one is still worth keeping.
            if (future.isSuccess()) {
                connections.release(pending.connection());
            }
            return;
        }
        if (!future.isSuccess()) {
            connectFailed(future.cause());
            return;
        }
        connected(pending.connection());
    }

    private void connectFailed(Throwable cause) {
        LOG.debug("connect to {} failed: {}", endpoint, cause.toString());
        server.endpointFailed(endpoint, cause);
        endAttempt();
        // Nothing was sent, so any method may go elsewhere.
        retryElsewhere(true);
    }

    private void connected(UpstreamConnection connection) {
        upstream = connection;
        connection.attach(this);
        if (hostMissing) {
            request.headers().set(HttpHeaderNames.HOST, endpoint.id());
        }
        upstreamStartNanos = System.nanoTime();
        connection.write(request);
        if (requestComplete && bodyBytesSent == 0) {
            // A retry of a bodiless request whose end was already consumed.
            requestSent = true;
            connection.write(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        connection.flush();
        if (upstream != connection) {
            // The write failed at once and that failure was already handled (retried or answered).
            return;
        }
        upstreamNeedsFlush = false;
        touch();
        armIdleTimer();
        if (expectContinue && bodyExpected && !continueSent && !requestComplete) {
            continueSent = true;
            client.writeContinue();
        }
        client.resumeInput();
    }

    /** The current upstream connection failed before any response byte: retry or answer 502. */
    private void failedBeforeResponse(UpstreamConnection connection, Throwable cause) {
        endAttempt();
        client.holdInput();
        boolean nothingConsumed = bodyBytesSent == 0;
        if (connection.reused() && nothingConsumed) {
            // Most likely the upstream closed an idle keep-alive connection as we wrote: not its fault.
            LOG.debug("pooled connection to {} closed under the request; retrying on a fresh one", endpoint);
            beginAttempt(endpoint, true);
            return;
        }
        LOG.debug("upstream {} failed before responding: {}", endpoint, cause.toString());
        server.endpointFailed(endpoint, cause);
        retryElsewhere(nothingConsumed && IdempotentMethods.contains(request.method()));
    }

    private void retryElsewhere(boolean allowed) {
        if (allowed && !retried) {
            Endpoint next = alternative();
            if (next != null) {
                retried = true;
                beginAttempt(next, false);
                return;
            }
        }
        respondLocally(ProxyError.BAD_GATEWAY, "Upstream unavailable", false);
    }

    /** Another endpoint than the failed one: from the route's pool, else from its fallback pool. */
    private Endpoint alternative() {
        Endpoint failed = endpoint;
        Endpoint next = route.pool().select(route.key(), failed);
        if (next != null && next != failed) {
            return next;
        }
        UpstreamPool fallback = route.fallback();
        if (fallback != null && fallback != route.pool()) {
            next = fallback.select(route.key(), failed);
            if (next != null && next != failed) {
                return next;
            }
        }
        return null;
    }

    private void endAttempt() {
        if (attemptOpen) {
            attemptOpen = false;
            endpoint.requestFinished();
        }
    }

    // ---------------------------------------------------------------- request body

    void requestContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            content.release();
            requestComplete = true;
            rejectBody(ProxyError.BAD_REQUEST, "Malformed request body");
            return;
        }
        int size = content.content().readableBytes();
        bytesIn += size;
        boolean last = content instanceof LastHttpContent;
        if (last) {
            requestComplete = true;
        }
        if (bytesIn > listener.maxBodyBytes()) {
            content.release();
            rejectBody(ProxyError.TOO_LARGE, tooLargeMessage());
            return;
        }
        if (finished || answeredLocally || responseComplete) {
            content.release();
            return;
        }
        if (upstream == null) {
            // Input is held whenever no upstream is attached; reaching here would lose body bytes.
            content.release();
            LOG.error("request body arrived with no upstream attached for {} {}", method, safeTarget());
            respondLocally(ProxyError.BAD_GATEWAY, "Upstream unavailable", true);
            return;
        }
        UpstreamConnection target = upstream;
        // Counted before writing: a write that fails at once re-enters the failure handling, which
        // must know that these bytes are gone and cannot be replayed elsewhere.
        bodyBytesSent += size;
        if (last) {
            requestSent = true;
        }
        touch();
        target.write(content);
        if (upstream != target) {
            return;
        }
        if (last) {
            target.flush();
            upstreamNeedsFlush = false;
        } else {
            upstreamNeedsFlush = true;
            if (!target.isWritable()) {
                client.updateReading();
            }
        }
    }

    private void rejectBody(ProxyError error, String message) {
        if (!responseHeadWritten) {
            respondLocally(error, message, true);
        } else {
            abort(Outcome.CLIENT_ABORTED);
        }
    }

    /** Whether the client should be read now: not while the upstream is saturated by the body. */
    boolean wantsClientInput() {
        return requestComplete || upstream == null || upstream.isWritable();
    }

    void clientReadComplete() {
        if (upstreamNeedsFlush && upstream != null) {
            upstreamNeedsFlush = false;
            upstream.flush();
        }
    }

    void clientWritabilityChanged() {
        if (pausedForClient && client.isWritable() && upstream != null) {
            pausedForClient = false;
            touch();
            upstream.autoRead(true);
        }
    }

    void clientClosed() {
        if (!finished) {
            finish(Outcome.CLIENT_ABORTED, false);
        }
    }

    // ---------------------------------------------------------------- response

    @Override
    public void upstreamRead(UpstreamConnection connection, Object msg) {
        if (connection != upstream || finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        touch();
        if (msg instanceof HttpResponse response) {
            if (!responseHead(response)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (!(msg instanceof HttpContent)) {
                return;
            }
        }
        if (msg instanceof HttpContent content) {
            responseContent(content);
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    /** Forwards the head; false when it was not forwarded (interim, or broken and handled). */
    private boolean responseHead(HttpResponse response) {
        if (response.decoderResult().isFailure()) {
            upstreamProtocolError("unparseable response head");
            return false;
        }
        int code = response.status().code();
        if (code < 200 && code != 101) {
            // 100 or 103 from upstream: the client's expectation is ours to answer, hints are dropped.
            ignoringInterim = true;
            return false;
        }
        if (code == 101) {
            upstreamProtocolError("protocol switch that was never asked for");
            return false;
        }
        responseStarted = true;
        upstreamStatus = code;
        upstreamKeepAlive = HttpUtil.isKeepAlive(response);
        HttpHeaders headers = response.headers();
        HopByHopHeaders.stripResponse(headers);
        if (settings.debugHeaders()) {
            addDebugHeaders(headers);
        }
        boolean bodiless = head || code == 204 || code == 304;
        boolean mustClose = closeClient || !clientKeepAlive || !requestComplete || server.draining();
        closeClient = ResponseFraming.prepare(response, http10, bodiless, mustClose);
        status = code;
        responseHeadWritten = true;
        client.write(response);
        clientNeedsFlush = true;
        return true;
    }

    private void responseContent(HttpContent content) {
        if (ignoringInterim) {
            content.release();
            if (content instanceof LastHttpContent) {
                ignoringInterim = false;
            }
            return;
        }
        if (content.decoderResult().isFailure()) {
            content.release();
            upstreamProtocolError("malformed response body");
            return;
        }
        if (!responseHeadWritten) {
            content.release();
            return;
        }
        bytesOut += content.content().readableBytes();
        if (content instanceof LastHttpContent) {
            responseComplete = true;
            upstreamNanos = System.nanoTime() - upstreamStartNanos;
            cancelIdleTimer();
            releaseUpstream(upstreamKeepAlive && requestSent);
            clientNeedsFlush = false;
            client.writeAndFlush(content).addListener(f -> {
                if (f.isSuccess()) {
                    finish(Outcome.PROXIED, !closeClient);
                } else {
                    finish(Outcome.CLIENT_ABORTED, false);
                }
            });
            return;
        }
        client.write(content);
        clientNeedsFlush = true;
        if (!client.isWritable()) {
            // Back-pressure: stop reading the upstream until the client drains.
            pausedForClient = true;
            upstream.autoRead(false);
        }
    }

    @Override
    public void upstreamReadComplete(UpstreamConnection connection) {
        if (clientNeedsFlush) {
            clientNeedsFlush = false;
            client.flush();
        }
    }

    @Override
    public void upstreamWritabilityChanged(UpstreamConnection connection) {
        if (connection == upstream) {
            client.updateReading();
        }
    }

    @Override
    public void upstreamClosed(UpstreamConnection connection) {
        upstreamLost(connection, new IOException("upstream closed the connection"));
    }

    @Override
    public void upstreamFailed(UpstreamConnection connection, Throwable cause) {
        upstreamLost(connection, cause);
    }

    private void upstreamLost(UpstreamConnection connection, Throwable cause) {
        if (connection != upstream || finished) {
            return;
        }
        upstream = null;
        connection.close();
        cancelIdleTimer();
        if (!responseStarted) {
            failedBeforeResponse(connection, cause);
        } else if (!responseComplete) {
            LOG.debug("upstream {} failed mid-response: {}", endpoint, cause.toString());
            abort(Outcome.UPSTREAM_ABORTED);
        }
    }

    private void upstreamProtocolError(String what) {
        LOG.debug("upstream {} sent a {}", endpoint, what);
        if (responseHeadWritten) {
            abort(Outcome.UPSTREAM_ABORTED);
        } else {
            respondLocally(ProxyError.BAD_GATEWAY, "Upstream sent an invalid response", false);
        }
    }

    private void releaseUpstream(boolean reusable) {
        UpstreamConnection connection = upstream;
        upstream = null;
        endAttempt();
        if (connection == null) {
            return;
        }
        if (reusable) {
            connections.release(connection);
        } else {
            connection.close();
        }
    }

    // ---------------------------------------------------------------- timers

    private void touch() {
        lastActivityNanos = System.nanoTime();
    }

    /**
     * The idle limit is checked by the client connection's single timer rather than a task of our own:
     * scheduling and cancelling one per exchange was a measurable cost. Arming only states the deadline.
     */
    private void armIdleTimer() {
        if (!idleTimerArmed) {
            idleTimerArmed = true;
            client.exchangeDeadline(this::checkIdle, lastActivityNanos + upstreamIdleNanos);
        }
    }

    private void cancelIdleTimer() {
        idleTimerArmed = false;
    }

    /**
     * Called by the connection's timer, at most once per timeout period however busy the exchange is:
     * activity only moves a timestamp. Returns when to check again, or {@link ClientTimeouts#NONE}.
     */
    private long checkIdle(long now) {
        if (!idleTimerArmed || finished || upstream == null) {
            return ClientTimeouts.NONE;
        }
        long idle = now - lastActivityNanos;
        if (idle < upstreamIdleNanos) {
            return lastActivityNanos + upstreamIdleNanos;
        }
        idleTimerArmed = false;
        if (!responseHeadWritten) {
            LOG.debug("upstream {} did not answer {} {} in time", endpoint, method, safeTarget());
            respondLocally(ProxyError.GATEWAY_TIMEOUT, "Upstream timed out", false);
        } else {
            abort(pausedForClient ? Outcome.CLIENT_ABORTED : Outcome.UPSTREAM_ABORTED);
        }
        return ClientTimeouts.NONE;
    }

    // ---------------------------------------------------------------- endings

    /**
     * Answers the client with the proxy's own error. The connection stays open only when nothing of
     * the request is left unread; otherwise the rest of a body would be mistaken for the next request.
     */
    private void respondLocally(ProxyError error, String message, boolean forceClose) {
        if (finished) {
            return;
        }
        if (responseHeadWritten) {
            abort(Outcome.UPSTREAM_ABORTED);
            return;
        }
        answeredLocally = true;
        LOG.debug("answering {} {} locally: {} ({})", method, safeTarget(), error, message);
        cancelIdleTimer();
        if (upstream != null) {
            UpstreamConnection connection = upstream;
            upstream = null;
            connection.close();
        }
        endAttempt();
        boolean keepAlive = !forceClose && clientKeepAlive && !http10 && !server.draining()
                && (requestComplete || !bodyExpected) && !(expectContinue && !continueSent);
        closeClient = !keepAlive;
        FullHttpResponse response = LocalResponses.error(client.alloc(), server.errorBody(), error, message, closeClient);
        if (settings.debugHeaders() && route != null) {
            addDebugHeaders(response.headers());
        }
        status = error.status().code();
        bytesOut = head ? 0 : response.content().readableBytes();
        responseHeadWritten = true;
        client.writeAndFlush(response).addListener(f -> {
            if (f.isSuccess()) {
                finish(Outcome.LOCAL_ERROR, keepAlive);
            } else {
                finish(Outcome.CLIENT_ABORTED, false);
            }
        });
        if (keepAlive && !finished) {
            // Let the (empty) end of the request through, so the next request can follow. (Once
            // finished, the connection has resumed by itself and may already serve the next one.)
            client.resumeInput();
        }
    }

    /** Gives up on the exchange: both connections are closed. */
    private void abort(Outcome outcome) {
        finish(outcome, false);
    }

    private void finish(Outcome outcome, boolean keepAlive) {
        if (finished) {
            return;
        }
        finished = true;
        cancelIdleTimer();
        if (upstream != null) {
            UpstreamConnection connection = upstream;
            upstream = null;
            connection.close();
        }
        endAttempt();
        server.publish(record(outcome));
        client.exchangeFinished(this, keepAlive, !requestComplete);
    }

    private ExchangeRecord record(Outcome outcome) {
        return new ExchangeRecord(
                listener.name(),
                clientAddress,
                method,
                rawTarget,
                httpVersion,
                host,
                userAgent,
                referer,
                status,
                route == null ? null : route.name(),
                endpoint != null ? endpoint.pool() : route != null ? route.pool().name() : null,
                endpoint == null ? null : endpoint.id(),
                upstreamStatus,
                bytesIn,
                bytesOut,
                startMillis,
                System.nanoTime() - startNanos,
                upstreamNanos,
                retried,
                outcome,
                route == null ? null : route.pool().name());
    }

    private void addDebugHeaders(HttpHeaders headers) {
        if (endpoint != null) {
            headers.set(DEBUG_POOL, endpoint.pool());
            headers.set(DEBUG_UPSTREAM, endpoint.id());
        } else if (route != null) {
            headers.set(DEBUG_POOL, route.pool().name());
        }
        if (route != null) {
            headers.set(DEBUG_ROUTE, route.name());
        }
    }

    private String tooLargeMessage() {
        return "Request body exceeds the limit of " + listener.maxBodyBytes() + " bytes";
    }

    /** The path without its query, which may carry an access token. */
    private String safeTarget() {
        int q = rawTarget.indexOf('?');
        return q < 0 ? rawTarget : rawTarget.substring(0, q);
    }
}
