package io.synapserouter.routing.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapserouter.routing.config.PoolNames;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltinRoutesTest {

    @Test
    void theShippedTableTargetsOnlyKnownPoolsOnBothListeners() {
        List<RuleSpec> rules = BuiltinRoutes.load();
        Set<String> known = new HashSet<>(PoolNames.WORKER_TYPES);
        known.addAll(PoolNames.STREAM_WRITERS);
        known.add(PoolNames.MAIN);
        known.add(PoolNames.MAIN_FEDERATION);
        assertThat(rules).hasSizeGreaterThan(100);
        assertThat(rules).allSatisfy(r -> {
            assertThat(known).as(r.origin()).contains(r.pool());
            assertThat(known).as(r.origin()).containsAll(r.fallback());
        });
        assertThat(rules).extracting(RuleSpec::listener).contains(RuleSpec.CLIENT, RuleSpec.FEDERATION);
        assertThat(rules).filteredOn(r -> r.listener().equals(RuleSpec.FEDERATION)).extracting(RuleSpec::fallback)
                .allSatisfy(f -> assertThat(f).doesNotContain(PoolNames.MAIN));
    }

    @Test
    void theFederationReaderCatchAllIsTheLastFederationRule() {
        List<RuleSpec> federation = BuiltinRoutes.load().stream().filter(r -> r.listener().equals(RuleSpec.FEDERATION)).toList();
        assertThat(federation.get(federation.size() - 1).pattern().pattern()).isEqualTo("^/_matrix/(federation/(v1|v2)|key/v2)/");
    }

    @Test
    void everyStreamWriterHasAFamilyThatFallsBackToMainWhenItHasNoWriters() {
        List<RuleSpec> rules = BuiltinRoutes.load();
        for (String writer : PoolNames.STREAM_WRITERS) {
            assertThat(rules).as(writer).filteredOn(r -> r.pool().equals(writer)).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.ifEmpty()).isIn(IfEmpty.MAIN, IfEmpty.MAIN_WRITES));
        }
    }

    @Test
    void aBadLineIsReportedWithItsLineNumber() {
        String text = "# comment\n\nclient ok main none * - skip - ^/a\nclient bad main none * - skip - ^/(unclosed\n";
        assertThatThrownBy(() -> BuiltinRoutes.parse("t.txt", text)).hasMessageStartingWith("t.txt:4: bad pattern");
        assertThatThrownBy(() -> BuiltinRoutes.parse("t.txt", "client short main\n")).hasMessageStartingWith("t.txt:1: expected 9 columns");
        assertThatThrownBy(() -> BuiltinRoutes.parse("t.txt", "client x main nokey * - skip - ^/a\n"))
                .hasMessageContaining("t.txt:1: unknown key 'nokey'");
        assertThatThrownBy(() -> BuiltinRoutes.parse("t.txt", "client x main none * maybe skip - ^/a\n"))
                .hasMessageContaining("unknown condition 'maybe'");
        assertThatThrownBy(() -> BuiltinRoutes.parse("t.txt", "lobby x main none * - skip - ^/a\n"))
                .hasMessageContaining("listener must be client or federation");
    }

    @Test
    void methodFiltersParseAndPrintTheSameSyntax() {
        for (String text : List.of("*", "GET,HEAD", "!GET,HEAD", "PUT")) {
            assertThat(MethodFilter.parse(text)).hasToString(text);
        }
        assertThat(MethodFilter.any().without(Set.of("GET", "HEAD"))).hasToString("!GET,HEAD");
        assertThat(MethodFilter.parse("GET,HEAD").without(Set.of("GET", "HEAD"))).isNull();
        assertThatThrownBy(() -> MethodFilter.parse("get")).hasMessageContaining("'get'");
    }
}
