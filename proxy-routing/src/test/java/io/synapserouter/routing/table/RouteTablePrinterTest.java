package io.synapserouter.routing.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.config.HostPort;
import io.synapserouter.routing.config.KeyKind;
import io.synapserouter.routing.config.RouteRule;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.config.SynapseSettings;
import io.synapserouter.routing.pool.PoolRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RouteTablePrinterTest {

    @Test
    void printsEveryRuleInOrderWithItsPoolAndWhetherItIsActive() {
        RouterConfig config = new RouterConfig(null, null,
                new SynapseSettings(new HostPort("synapse", 8008), new HostPort("synapse", 8048)),
                Map.of("room", List.of(new HostPort("room1", 8080)), "sync", List.of(new HostPort("sync1", 8080))),
                Map.of(),
                List.of(new RouteRule("mas", "client", Pattern.compile("^/_matrix/client/v3/login$"), Set.of("POST"), null,
                        new HostPort("mas", 8080), KeyKind.NONE)),
                null, null, null);
        PoolRegistry pools = PoolRegistry.fromConfig(config);
        String text = RouteTablePrinter.render(RoutePlanner.plan(config, pools));
        List<String> lines = text.lines().toList();

        assertThat(lines.get(0)).startsWith("client listener: ").endsWith("first match wins");
        assertThat(lines.get(1)).matches("\\s+#\\s+rule\\s+methods\\s+when\\s+pool\\s+key\\s+fallback\\s+status\\s+pattern");
        assertThat(lines.get(2)).matches("\\s+1\\s+mas\\s+POST\\s+-\\s+upstream:mas:8080\\s+none\\s+-\\s+active\\s+\\^/_matrix/client/v3/login\\$");
        assertThat(text).containsPattern("room\\s+\\*\\s+-\\s+room\\s+room\\s+main\\s+active\\s+\\^/_matrix/client/\\.\\*\\?");
        assertThat(text).containsPattern("client_reader\\s+\\*\\s+-\\s+client_reader\\s+none\\s+-\\s+skipped\\s+.*# no workers in pool 'client_reader'");
        assertThat(text).containsPattern("stream_writer\\.typing\\s+\\*\\s+-\\s+main\\s+none\\s+-\\s+active\\s+.*# no workers in pool 'typing': main serves it");
        assertThat(text).containsPattern("stream_writer\\.push_rules\\s+!GET,HEAD\\s+-\\s+main\\s+.*reads fall through");
        assertThat(text).containsPattern("initial_sync\\s+\\*\\s+initial_sync\\s+initial_sync\\s+user\\s+-\\s+skipped");
        assertThat(text).containsPattern("\\(anything else\\)\\s+\\*\\s+-\\s+main\\s+none");
        assertThat(text).contains("federation listener: ");
        assertThat(text).containsPattern("\\(anything else\\)\\s+\\*\\s+-\\s+main_federation\\s+none");
        // Every line of a table has its pattern in the same column.
        int column = lines.get(1).indexOf("pattern");
        assertThat(lines.get(2).indexOf("^/_matrix")).isEqualTo(column);
    }
}
