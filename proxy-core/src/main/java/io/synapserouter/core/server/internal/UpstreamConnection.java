package io.synapserouter.core.server.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.synapserouter.core.upstream.Endpoint;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One keep-alive connection to an endpoint, and the last handler of its pipeline. It belongs either
 * to an exchange (its {@link UpstreamListener}) or to its pool while idle; an idle connection that
 * receives bytes or closes is dropped from the pool.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamConnection.class);

    private final UpstreamConnectionPool pool;
    private final Endpoint endpoint;
    private final InetSocketAddress target;
    private Channel channel;
    private UpstreamListener listener;
    private boolean reused;
    private boolean idle;
    private long idleSinceNanos;

    UpstreamConnection(UpstreamConnectionPool pool, Endpoint endpoint, InetSocketAddress target) {
        this.pool = pool;
        this.endpoint = endpoint;
        this.target = target;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** The address this connection was opened to; pooled connections to a stale address are dropped. */
    InetSocketAddress target() {
        return target;
    }

    /** Whether it served an earlier exchange, so a failure may be the keep-alive race rather than the endpoint. */
    boolean reused() {
        return reused;
    }

    boolean isActive() {
        return channel != null && channel.isActive();
    }

    boolean isWritable() {
        return channel.isWritable();
    }

    Channel channel() {
        return channel;
    }

    void attach(UpstreamListener newListener) {
        listener = newListener;
        idle = false;
        channel.config().setAutoRead(true);
    }

    void detach() {
        listener = null;
    }

    void markIdle(long nowNanos) {
        idle = true;
        reused = true;
        idleSinceNanos = nowNanos;
        // Read while idle so that the upstream closing the connection is noticed at once.
        channel.config().setAutoRead(true);
    }

    void markTaken() {
        idle = false;
    }

    boolean idle() {
        return idle;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    void write(Object msg) {
        // A void promise routes a failed write to exceptionCaught, hence to the listener.
        channel.write(msg, channel.voidPromise());
    }

    void flush() {
        channel.flush();
    }

    void autoRead(boolean on) {
        if (channel.config().isAutoRead() != on) {
            channel.config().setAutoRead(on);
        }
    }

    void close() {
        listener = null;
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        pool.connectionOpened();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.connectionClosed(this);
        UpstreamListener l = listener;
        listener = null;
        if (l != null) {
            l.upstreamClosed(this);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UpstreamListener l = listener;
        if (l != null) {
            l.upstreamRead(this, msg);
            return;
        }
        // Nobody asked: an idle connection must not carry bytes, so it cannot be trusted any more.
        ReferenceCountUtil.release(msg);
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        UpstreamListener l = listener;
        if (l != null) {
            l.upstreamReadComplete(this);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        UpstreamListener l = listener;
        if (l != null) {
            l.upstreamWritabilityChanged(this);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        UpstreamListener l = listener;
        listener = null;
        if (l != null) {
            l.upstreamFailed(this, cause);
        } else {
            LOG.debug("upstream connection to {} failed while idle: {}", endpoint, cause.toString());
        }
        ctx.close();
    }

    @Override
    public String toString() {
        return "upstream " + endpoint + " via " + channel;
    }
}
