package io.synapserouter.core.server.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.synapserouter.core.config.LimitSettings;
import io.synapserouter.core.config.ListenerSettings;
import io.synapserouter.core.config.TimeoutSettings;

/** Builds a client connection's pipeline: timers on raw bytes, the HTTP/1.1 codec, then the relay. */
public final class ClientChannelInitializer extends ChannelInitializer<Channel> {

    private final ServerContext server;
    private final ListenerSettings listener;

    public ClientChannelInitializer(ServerContext server, ListenerSettings listener) {
        this.server = server;
        this.listener = listener;
    }

    @Override
    protected void initChannel(Channel ch) {
        LimitSettings limits = server.settings().limits();
        TimeoutSettings timeouts = server.settings().timeouts();
        // The header block alone may not exceed the head limit; HeadFailures checks line plus headers.
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLine())
                .setMaxHeaderSize(limits.maxRequestHead())
                .setMaxChunkSize(ServerContext.MAX_CHUNK_SIZE);
        ClientTimeouts clientTimeouts = new ClientTimeouts(
                timeouts.clientRequestHead().toNanos(), timeouts.clientKeepAlive().toNanos());
        ch.pipeline()
                .addLast("timeouts", clientTimeouts)
                .addLast("codec", new HttpServerCodec(decoder))
                .addLast("relay", new ClientConnection(server, listener, clientTimeouts));
    }
}
