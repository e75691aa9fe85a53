package io.synapserouter.launcher.cli;

import io.synapserouter.core.upstream.EndpointResolver;
import io.synapserouter.launcher.demo.DemoDeployment;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: a fake Synapse (main process and workers of every kind) with the router in front of
 * it on 127.0.0.1, and curl commands that show which process answered.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an in-process fake Synapse with workers, the router in front of it on 127.0.0.1, and print curl commands to try.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--client-port", defaultValue = "8008", description = "Router client port (0 = any free port). Default: ${DEFAULT-VALUE}")
    int clientPort;

    @Option(names = "--federation-port", defaultValue = "8048", description = "Router federation port (0 = any free port). Default: ${DEFAULT-VALUE}")
    int federationPort;

    @Option(names = "--admin-port", defaultValue = "9000", description = "Admin port: /metrics, /health, /status (0 = any free port). Default: ${DEFAULT-VALUE}")
    int adminPort;

    @Override
    public Integer call() throws Exception {
        EndpointResolver.capJdkAddressCache(EndpointResolver.JDK_CACHE_CAP);
        ShutdownSignals signals = ShutdownSignals.install();
        try (DemoDeployment demo = DemoDeployment.start(clientPort, federationPort, adminPort)) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(demo.instructions());
            out.flush();
            signals.await(); // closing the demo drains the router, then stops the fake Synapse
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("demo: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }
}
