package io.synapserouter.launcher.docker.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.synapserouter.core.transport.Transport;
import io.synapserouter.launcher.docker.DockerHost;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Opens channels to the Engine: epoll domain sockets where the native transport loads (NIO's JDK
 * domain sockets otherwise), plain TCP for {@code tcp://} hosts. One small event loop serves every
 * channel of one client; the launcher talks to one Engine at a time and never moves much data.
 */
public final class EngineConnector implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final EventLoopGroup group;
    private final Class<? extends Channel> channelClass;
    private final SocketAddress address;

    public EngineConnector(DockerHost host) {
        Transport transport = Transport.best();
        // Daemon threads: a CLI that returns from main must not be held up by an idle event loop.
        this.group = transport.newGroup(1, new DefaultThreadFactory("docker-engine", true));
        if (host.isUnix()) {
            if (transport == Transport.EPOLL) {
                channelClass = EpollDomainSocketChannel.class;
                address = new DomainSocketAddress(host.socketPath().toString());
            } else {
                channelClass = NioDomainSocketChannel.class;
                address = UnixDomainSocketAddress.of(host.socketPath());
            }
        } else {
            channelClass = transport.clientChannel();
            address = new InetSocketAddress(host.host(), host.port());
        }
    }

    public ChannelFuture connect(ChannelHandler initializer) {
        return new Bootstrap()
                .group(group)
                .channel(channelClass)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(initializer)
                .connect(address);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
