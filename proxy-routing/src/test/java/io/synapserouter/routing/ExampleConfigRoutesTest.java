package io.synapserouter.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.route.Route;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.config.RouterConfigLoader;
import io.synapserouter.routing.pool.PoolRegistry;
import io.synapserouter.routing.table.RouteTablePrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The router configurations shipped in {@code config/} (router.*.yaml) build a router, and {@code check} has a table to print for them. */
class ExampleConfigRoutesTest {

    private static final Path CONFIG_DIR = Path.of("..", "config");

    @Test
    void everyShippedConfigBuildsARouterWhoseTableCanBePrinted() throws Exception {
        int checked = 0;
        try (var files = Files.list(CONFIG_DIR)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("router\\..*\\.yaml")).toList()) {
                RouterConfig config = RouterConfigLoader.load(file, Map.of());
                PoolRegistry pools = PoolRegistry.fromConfig(config);
                SynapseRouter router = SynapseRouter.create(config, pools, new TokenHashingResolver());
                String table = RouteTablePrinter.render(router.plan());
                assertThat(table).as(file.toString()).contains("client listener: ", "federation listener: ", "(anything else)");
                Route versions = router.route(TestDeployments.head("client", "GET", "/_matrix/client/versions"))
                        .toCompletableFuture().join();
                assertThat(versions.pool().name()).as(file.toString()).isIn("client_reader", "generic", "main");
                checked++;
            }
        }
        assertThat(checked).as("router configs found in config/").isGreaterThanOrEqualTo(2);
    }
}
