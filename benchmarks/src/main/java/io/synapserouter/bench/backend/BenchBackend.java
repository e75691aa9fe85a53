package io.synapserouter.bench.backend;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.synapserouter.core.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark backend as a process of its own.
 *
 * <pre>
 * java -cp benchmarks.jar io.synapserouter.bench.backend.BenchBackend --dir RUN_DIR \
 *      [--tokens 20000] [--threads 2] [--pools sync=4,room=2,client_reader=2,media_repository=2,federation_reader=2]
 * </pre>
 * It binds every process on an ephemeral 127.0.0.1 port, writes {@code RUN_DIR/tokens.txt} (one token a
 * line) and then {@code RUN_DIR/backend.json} (the ports: {@code control}, {@code main},
 * {@code main_federation}, {@code pools.<name>[]}), and runs until SIGTERM.
 */
public final class BenchBackend implements AutoCloseable {

    /** Token table seed; fixed so that every run and every process agrees on the tokens. */
    public static final long TOKEN_SEED = 0x5EED_7AB1EL;

    private final EventLoopGroup group;
    private final TokenTable tokens;
    private final BackendStats stats = new BackendStats();
    private final WhoamiAnswers whoamiAnswers;
    private final List<Channel> channels = new ArrayList<>();
    private final List<BackendProcess> processes = new ArrayList<>();
    private final Map<String, Integer> singles = new LinkedHashMap<>();
    private final Map<String, List<Integer>> pools = new LinkedHashMap<>();
    private final Transport transport = Transport.best();

    public BenchBackend(int tokenCount, int threads, Map<String, Integer> poolSizes) throws InterruptedException {
        this.tokens = new TokenTable(tokenCount, TOKEN_SEED);
        this.whoamiAnswers = new WhoamiAnswers(tokens);
        this.group = transport.newGroup(threads, new DefaultThreadFactory("backend"));
        singles.put("control", bindControl());
        singles.put("main", bind(new BackendProcess("main", "main", true, stats)));
        singles.put("main_federation", bind(new BackendProcess("main_federation", "main_federation", false, stats)));
        for (Map.Entry<String, Integer> pool : poolSizes.entrySet()) {
            List<Integer> ports = new ArrayList<>();
            for (int i = 1; i <= pool.getValue(); i++) {
                ports.add(bind(new BackendProcess(pool.getKey() + "-" + i, pool.getKey(), false, stats)));
            }
            pools.put(pool.getKey(), ports);
        }
    }

    private ServerBootstrap bootstrap() {
        return new ServerBootstrap().group(group).channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 16384)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true);
    }

    private int bind(BackendProcess process) throws InterruptedException {
        processes.add(process);
        Channel ch = bootstrap().childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
                c.pipeline().addLast(new HttpRequestDecoder(8192, 16384, 65536))
                        .addLast(new BackendHandler(process, tokens, whoamiAnswers, stats));
            }
        }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        channels.add(ch);
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    private int bindControl() throws InterruptedException {
        Channel ch = bootstrap().childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
                c.pipeline().addLast(new HttpServerCodec()).addLast(new HttpObjectAggregator(65536))
                        .addLast(new ControlHandler(stats, tokens));
            }
        }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        channels.add(ch);
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    public TokenTable tokens() {
        return tokens;
    }

    public int port(String single) {
        return singles.get(single);
    }

    public List<Integer> poolPorts(String pool) {
        return pools.getOrDefault(pool, List.of());
    }

    /** The ports as JSON, the form {@code backend.json} holds. */
    public String describe(Path tokensFile) {
        StringBuilder sb = new StringBuilder("{");
        singles.forEach((k, v) -> sb.append('"').append(k).append("\":").append(v).append(','));
        sb.append("\"pools\":{");
        boolean first = true;
        for (Map.Entry<String, List<Integer>> e : pools.entrySet()) {
            sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
            first = false;
        }
        sb.append("},\"tokens\":").append(tokens.size());
        if (tokensFile != null) {
            sb.append(",\"tokens_file\":\"").append(tokensFile.toAbsolutePath()).append('"');
        }
        sb.append(",\"transport\":\"").append(transport).append('"');
        sb.append(",\"pid\":").append(ProcessHandle.current().pid());
        return sb.append('}').toString();
    }

    @Override
    public void close() {
        channels.forEach(c -> c.close().syncUninterruptibly());
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        // only now that no event loop can write a view any more
        processes.forEach(BackendProcess::close);
        whoamiAnswers.close();
    }

    static Map<String, Integer> parsePools(String spec) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--pools: '" + part + "' is not name=count");
            }
            int n = Integer.parseInt(part.substring(eq + 1).trim());
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("--pools: count of '" + part + "' must be 1..64");
            }
            out.put(part.substring(0, eq).trim(), n);
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        Path dir = Path.of(opts.getOrDefault("dir", "."));
        int tokenCount = Integer.parseInt(opts.getOrDefault("tokens", "20000"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "2"));
        Map<String, Integer> poolSizes = parsePools(opts.getOrDefault("pools",
                "sync=4,room=2,client_reader=2,media_repository=2,federation_reader=2"));
        Files.createDirectories(dir);

        BenchBackend backend = new BenchBackend(tokenCount, threads, poolSizes);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            backend.close();
            stopped.countDown();
        }, "backend-shutdown"));
        Path tokensFile = dir.resolve("tokens.txt");
        backend.tokens().writeTo(tokensFile);
        writeAtomically(dir.resolve("backend.json"), backend.describe(tokensFile));
        System.out.println("backend ready: " + backend.describe(tokensFile));
        stopped.await();
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
