package io.synapserouter.launcher.cli;

import io.synapserouter.core.config.Durations;
import io.synapserouter.core.config.ListenerSettings;
import io.synapserouter.core.config.Sizes;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.pool.PoolRegistry;
import io.synapserouter.routing.table.RoutePlanner;
import io.synapserouter.routing.table.RouteTablePrinter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code check --config FILE}: validate and print what would run; starts nothing. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a configuration file and print the effective listeners, pools and route table. Exit 0 if valid, 2 if not.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "router.yaml")
    Path config;

    @Override
    public Integer call() {
        RouterConfig loaded = ConfigErrors.load(config, spec.commandLine().getErr());
        if (loaded == null) {
            return ExitCodes.CONFIG;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(config + ": valid");
        out.println();
        out.println("Listeners");
        for (ListenerSettings l : loaded.proxy().listeners()) {
            out.printf("  %-11s %s:%d  (max body %s)%n", l.name(), l.host(), l.port(), Sizes.format(l.maxBodyBytes()));
        }
        out.printf("  %-11s %s%n", "admin", loaded.admin() == null ? "disabled" : loaded.admin());
        out.printf("  timeouts: connect %s, upstream response %s, client head %s, keep-alive %s; shutdown grace %s%n",
                Durations.format(loaded.proxy().timeouts().connect()),
                Durations.format(loaded.proxy().timeouts().upstreamResponse()),
                Durations.format(loaded.proxy().timeouts().clientRequestHead()),
                Durations.format(loaded.proxy().timeouts().clientKeepAlive()),
                Durations.format(loaded.proxy().shutdownGrace()));
        out.println();
        PoolRegistry pools = PoolRegistry.fromConfig(loaded);
        out.println("Pools");
        for (UpstreamPool pool : pools.all()) {
            var whenEmpty = pools.whenEmpty(pool.name());
            out.printf("  %-26s %-18s %-18s %s%n", pool.name(), pool.balancing().name().toLowerCase(),
                    whenEmpty == null ? "" : "when empty: " + whenEmpty.name().toLowerCase(),
                    pool.isEmpty() ? "(no workers)" : pool.endpoints().stream().map(Endpoint::id).collect(Collectors.joining(", ")));
        }
        out.println();
        out.println("Whoami: " + loaded.whoami().url() + " (timeout " + Durations.format(loaded.whoami().timeout())
                + ", cache ttl " + Durations.format(loaded.whoami().ttl()) + ")");
        out.println();
        out.print(RouteTablePrinter.render(RoutePlanner.plan(loaded, pools)));
        out.flush();
        return ExitCodes.OK;
    }
}
