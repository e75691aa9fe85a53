package io.synapserouter.standin;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A set of stand-in processes sharing one token directory: a main process that also answers whoami,
 * and any number of named workers, each on its own port.
 *
 * <pre>{@code
 * try (SynapseStandin synapse = new SynapseStandin()) {
 *     synapse.tokens().put("syt_YWxpY2U_abc", "@alice:example.org");
 *     StandinProcess main = synapse.main();                 // whoami lives here
 *     List<StandinProcess> sync = synapse.workers("sync", 4); // sync-1 .. sync-4
 * }
 * }</pre>
 */
public final class SynapseStandin implements AutoCloseable {

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final String bindHost;
    private final TokenDirectory tokens = new TokenDirectory();
    private final Map<String, StandinProcess> processes = new LinkedHashMap<>();

    /** Stand-ins on 127.0.0.1 with ephemeral ports and one event loop thread of their own. */
    public SynapseStandin() {
        this(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()), true, "127.0.0.1");
    }

    public SynapseStandin(EventLoopGroup group, boolean ownsGroup, String bindHost) {
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.bindHost = bindHost;
    }

    public TokenDirectory tokens() {
        return tokens;
    }

    /** The main process (named {@code main}), started on first use on an ephemeral port. */
    public synchronized StandinProcess main() {
        StandinProcess main = processes.get("main");
        return main != null ? main : start("main", 0, true);
    }

    /** Starts {@code count} workers named {@code prefix-1 … prefix-count} on ephemeral ports. */
    public synchronized List<StandinProcess> workers(String prefix, int count) {
        List<StandinProcess> started = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            started.add(start(prefix + "-" + i, 0, false));
        }
        return started;
    }

    /** Starts one process; {@code port} 0 picks an ephemeral port. */
    public synchronized StandinProcess start(String name, int port, boolean servesWhoami) {
        if (processes.containsKey(name)) {
            throw new IllegalArgumentException("stand-in process '" + name + "' already runs");
        }
        try {
            StandinProcess process = new StandinProcess(name, group, new InetSocketAddress(bindHost, port), tokens, servesWhoami);
            processes.put(name, process);
            return process;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding stand-in " + name, e);
        }
    }

    public synchronized StandinProcess process(String name) {
        return processes.get(name);
    }

    /** Stops one process, as if the worker crashed: its port then refuses connections and its open connections close. */
    public synchronized void stop(String name) {
        StandinProcess process = processes.remove(name);
        if (process != null) {
            process.close();
        }
    }

    @Override
    public synchronized void close() {
        processes.values().forEach(StandinProcess::close);
        processes.clear();
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
