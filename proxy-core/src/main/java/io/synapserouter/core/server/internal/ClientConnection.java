package io.synapserouter.core.server.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import io.synapserouter.core.config.ListenerSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: it turns decoded requests into {@link Exchange}s, one at a time, and decides
 * when to read from the client.
 *
 * <p>Reading stops while nothing can take the input (the router or an upstream connect is pending, or
 * a pipelined request waits for the previous response) and while the upstream cannot keep up with the
 * request body. Messages the decoder had already produced from bytes read before that are held, in
 * order, in a queue bounded by one socket read, and replayed when the input is wanted again.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

    /** Fired down a client pipeline to ask the connection to wind down (server shutdown). */
    static final Object DRAIN = new Object() {
        @Override
        public String toString() {
            return "DRAIN";
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    /**
     * How long a connection closed after an early answer keeps discarding the client's unread request
     * bytes. Closing with unread bytes would make the kernel reset the connection, and the client
     * could lose the answer (a 413 while it still uploads) before reading it.
     */
    private static final long LINGER_MILLIS = 2_000;

    private final ServerContext server;
    private final ListenerSettings listener;
    private final ClientTimeouts timeouts;
    private final ArrayDeque<Object> held = new ArrayDeque<>(4);
    private ChannelHandlerContext ctx;
    private ChannelHandlerContext codec;
    private Channel channel;
    private String peerAddress = "unknown";
    private boolean peerTrusted;
    private Exchange exchange;
    private boolean holding;
    private boolean replaying;
    private boolean closed;
    private boolean lingering;

    ClientConnection(ServerContext server, ListenerSettings listener, ClientTimeouts timeouts) {
        this.server = server;
        this.listener = listener;
        this.timeouts = timeouts;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.channel = ctx.channel();
        this.codec = ctx.pipeline().context(HttpServerCodec.class);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        server.counters().clientConnections.incrementAndGet();
        server.trackClient(channel);
        if (channel.remoteAddress() instanceof InetSocketAddress remote) {
            InetAddress address = remote.getAddress();
            peerAddress = ForwardedHeaders.text(address);
            peerTrusted = ForwardedHeaders.isTrusted(address, server.settings().trustedProxies());
        }
        if (server.draining()) {
            // Accepted just before the listener closed: the server no longer takes new work.
            ctx.close();
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        server.counters().clientConnections.decrementAndGet();
        Object msg;
        while ((msg = held.pollFirst()) != null) {
            ReferenceCountUtil.release(msg);
        }
        if (exchange != null) {
            exchange.clientClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closed || lingering) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (holding || !held.isEmpty()) {
            held.addLast(msg);
            updateReading();
            return;
        }
        dispatch(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.clientReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.clientWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ClientTimeouts.Expired expired) {
            timedOut(expired);
        } else if (evt == DRAIN) {
            if (exchange == null && held.isEmpty() && !lingering) {
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("client connection from {} failed: {}", peerAddress, cause.toString());
        ctx.close();
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest request) {
            if (!channel.isActive() || request.decoderResult().cause() instanceof PrematureChannelClosureException) {
                // The decoder reporting a head cut short by the client closing: nobody to answer.
                ReferenceCountUtil.release(msg);
                return;
            }
            if (exchange != null) {
                // Pipelined: it waits until the previous response is complete.
                held.addFirst(msg);
                holding = true;
                updateReading();
                return;
            }
            timeouts.headReceived();
            server.counters().activeExchanges.incrementAndGet();
            exchange = new Exchange(server, this, listener, request);
            exchange.start();
            return;
        }
        if (msg instanceof HttpContent content) {
            if (exchange != null) {
                exchange.requestContent(content);
            } else {
                // The rest of a request that was already answered.
                content.release();
            }
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    private void timedOut(ClientTimeouts.Expired expired) {
        if (exchange != null || closed || lingering) {
            return;
        }
        if (expired.headTimeout() && expired.requestStarted()) {
            LOG.debug("closing {}: request head not complete in time", peerAddress);
            ctx.writeAndFlush(LocalResponses.requestTimeout()).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    /** Stop handing client input to the exchange; anything already decoded is held. */
    void holdInput() {
        holding = true;
        updateReading();
    }

    /** Hand client input to the exchange again, replaying held messages first. */
    void resumeInput() {
        holding = false;
        if (replaying) {
            return; // the replay loop below is already running further up the stack
        }
        replaying = true;
        try {
            Object msg;
            while (!holding && !closed && (msg = held.pollFirst()) != null) {
                dispatch(msg);
            }
        } finally {
            replaying = false;
        }
        if (exchange != null) {
            exchange.clientReadComplete();
        }
        updateReading();
    }

    /** Reads from the socket exactly when input can be handed on. */
    void updateReading() {
        if (lingering) {
            return;
        }
        boolean want = !closed && !holding && held.isEmpty() && (exchange == null || exchange.wantsClientInput());
        if (channel.config().isAutoRead() != want) {
            channel.config().setAutoRead(want);
        }
    }

    /**
     * Called by the exchange once its response is written (or abandoned). {@code requestUnread} says
     * the client may still be sending the request, so closing lingers (see {@link #LINGER_MILLIS}).
     */
    void exchangeFinished(Exchange finished, boolean keepAlive, boolean requestUnread) {
        if (exchange != finished) {
            return;
        }
        exchange = null;
        server.counters().activeExchanges.decrementAndGet();
        if (closed) {
            return;
        }
        if (!keepAlive || server.draining()) {
            if (requestUnread && channel instanceof DuplexChannel duplex) {
                linger(duplex);
            } else {
                ctx.close();
            }
            return;
        }
        timeouts.idle();
        resumeInput();
    }

    private void linger(DuplexChannel duplex) {
        lingering = true;
        holding = false;
        Object msg;
        while ((msg = held.pollFirst()) != null) {
            ReferenceCountUtil.release(msg);
        }
        // Our side is done: the FIN tells the client so, while its remaining bytes are read and dropped.
        duplex.shutdownOutput().addListener(f -> {
            if (!f.isSuccess()) {
                ctx.close();
            }
        });
        ctx.executor().schedule(() -> {
            ctx.close();
        }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        if (!channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    void write(Object msg) {
        ctx.write(msg, ctx.voidPromise());
    }

    ChannelFuture writeAndFlush(Object msg) {
        return ctx.writeAndFlush(msg);
    }

    void flush() {
        ctx.flush();
    }

    /** Writes {@code 100 Continue} below the response encoder (see {@link LocalResponses#continueBytes}). */
    void writeContinue() {
        codec.writeAndFlush(LocalResponses.continueBytes(), codec.voidPromise());
    }

    void close() {
        ctx.close();
    }

    boolean isWritable() {
        return channel.isWritable();
    }

    ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    /** The running exchange's idle limit, checked by this connection's single timer. */
    void exchangeDeadline(ClientTimeouts.ExchangeClock clock, long deadlineNanos) {
        timeouts.exchangeDeadline(clock, deadlineNanos);
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    String peerAddress() {
        return peerAddress;
    }

    boolean peerTrusted() {
        return peerTrusted;
    }
}
