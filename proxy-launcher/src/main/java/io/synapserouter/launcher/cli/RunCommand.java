package io.synapserouter.launcher.cli;

import io.synapserouter.core.upstream.EndpointResolver;
import io.synapserouter.launcher.app.RouterApplication;
import io.synapserouter.routing.config.RouterConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code run --config FILE}: serve until SIGTERM, then drain and exit 0. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the router with a configuration file until SIGTERM or SIGINT, then drain and exit 0.")
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "router.yaml")
    Path config;

    @Override
    public Integer call() throws Exception {
        // Before any name lookup: the JDK would otherwise cache addresses for 30 s and defeat re-resolution.
        EndpointResolver.capJdkAddressCache(EndpointResolver.JDK_CACHE_CAP);
        RouterConfig loaded = ConfigErrors.load(config, spec.commandLine().getErr());
        if (loaded == null) {
            return ExitCodes.CONFIG;
        }
        ShutdownSignals signals = ShutdownSignals.install();
        RouterApplication app;
        try {
            app = RouterApplication.start(loaded);
        } catch (RuntimeException e) {
            log.error("could not start: {}", e.getMessage(), e);
            return ExitCodes.FAILURE;
        }
        signals.await();
        long grace = loaded.proxy().shutdownGrace().toMillis();
        // The drain itself is bounded by the grace; the extra seconds cover closing the event loops.
        app.shutdown(loaded.proxy().shutdownGrace()).toCompletableFuture().get(grace + 10_000, TimeUnit.MILLISECONDS);
        return ExitCodes.OK;
    }
}
