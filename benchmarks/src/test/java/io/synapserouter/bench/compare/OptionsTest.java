package io.synapserouter.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsRunEveryScenarioWithTheRecommendedRouterFlags() {
        Options o = Options.parse(new String[] {"--repo", "/tmp/repo"});

        assertThat(o.scenarios()).containsExactlyElementsOf(Options.ALL_SCENARIOS);
        assertThat(o.rounds()).isEqualTo(3);
        assertThat(String.join(" ", o.routerJavaOpts())).isEqualTo(Options.DEFAULT_ROUTER_JAVA_OPTS);
        assertThat(o.routerJar().toString()).isEqualTo("/tmp/repo/proxy-launcher/target/synapse-router.jar");
    }

    @Test
    void pinningCanBeTurnedOffAndThenNoTasksetPrefixIsUsed() {
        Options o = Options.parse(new String[] {"--pin", "0"});

        assertThat(o.pinned()).isFalse();
        assertThat(o.proxyPrefix()).isEmpty();
        assertThat(o.loadPrefix()).isEmpty();
    }

    @Test
    void anUnknownScenarioIsRefusedByName() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--scenarios", "plain,warp"}))
                .hasMessageContaining("'warp'");
    }

    @Test
    void cpuListsAreCounted() {
        assertThat(Options.cpuCount("1")).isEqualTo(1);
        assertThat(Options.cpuCount("0-2,5")).isEqualTo(4);
    }
}
