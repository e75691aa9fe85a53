package io.synapserouter.standin;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

final class StandinChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final StandinProcess process;
    private final TokenDirectory tokens;
    private final boolean servesWhoami;

    StandinChannelInitializer(StandinProcess process, TokenDirectory tokens, boolean servesWhoami) {
        this.process = process;
        this.tokens = tokens;
        this.servesWhoami = servesWhoami;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        process.countConnection();
        process.track(ch);
        ch.pipeline()
                .addLast(new HttpServerCodec(16384, 65536, 65536))
                .addLast(new StandinHandler(process, tokens, servesWhoami));
    }
}
