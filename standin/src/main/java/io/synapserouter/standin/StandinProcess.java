package io.synapserouter.standin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One stand-in process (main, or one worker), listening on its own port. Every answer carries
 * {@code X-Served-By: <name>} so a test can tell which process a proxy chose.
 */
public final class StandinProcess implements AutoCloseable {

    private final String name;
    private final Channel channel;
    private final LongAdder requests = new LongAdder();
    private final LongAdder connections = new LongAdder();
    /** Accepted connections, so that closing the process drops them as a crash would. */
    private final ChannelGroup accepted = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile boolean closed;
    private volatile boolean healthy = true;

    StandinProcess(String name, EventLoopGroup group, InetSocketAddress bind, TokenDirectory tokens, boolean servesWhoami)
            throws InterruptedException {
        this.name = name;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childHandler(new StandinChannelInitializer(this, tokens, servesWhoami));
        this.channel = bootstrap.bind(bind).sync().channel();
    }

    public String name() {
        return name;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** {@code 127.0.0.1:port}, the form the router's config takes. */
    public String hostPort() {
        return address().getHostString() + ":" + address().getPort();
    }

    public long requests() {
        return requests.sum();
    }

    public long connectionsAccepted() {
        return connections.sum();
    }

    void countRequest() {
        requests.increment();
    }

    void countConnection() {
        connections.increment();
    }

    /** Tracks an accepted connection; one accepted while the process closes is closed at once. */
    void track(Channel connection) {
        accepted.add(connection);
        if (closed) {
            connection.close();
        }
    }

    public boolean healthy() {
        return healthy;
    }

    /** When false, {@code /health} answers 503 while other requests are still served. */
    public void healthy(boolean healthy) {
        this.healthy = healthy;
    }

    /**
     * Stops listening and closes every open connection, as when the process dies: a client's pooled
     * connection sees the close instead of being served by a process that is supposed to be gone.
     */
    @Override
    public void close() {
        closed = true;
        channel.close().syncUninterruptibly();
        accepted.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
