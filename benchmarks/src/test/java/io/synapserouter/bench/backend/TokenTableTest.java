package io.synapserouter.bench.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenTableTest {

    @Test
    void tokensHaveTheMasAccessTokenShapeAndAreDistinct() {
        TokenTable table = new TokenTable(2_000, 7);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < table.size(); i++) {
            String token = table.token(i);
            assertThat(token).matches("mat_[A-Za-z0-9]{30}_[A-Za-z0-9]{6}");
            assertThat(seen.add(token)).as("token %d is new", i).isTrue();
            assertThat(table.indexOf(token)).isEqualTo(i);
        }
        assertThat(table.indexOf("mat_unknown")).isEqualTo(-1);
        assertThat(table.indexOf(null)).isEqualTo(-1);
    }

    @Test
    void sameSizeAndSeedGiveTheSameTokensInEveryProcess() {
        TokenTable a = new TokenTable(100, BenchBackend.TOKEN_SEED);
        TokenTable b = new TokenTable(100, BenchBackend.TOKEN_SEED);
        TokenTable other = new TokenTable(100, BenchBackend.TOKEN_SEED + 1);
        for (int i = 0; i < 100; i++) {
            assertThat(b.token(i)).isEqualTo(a.token(i));
        }
        assertThat(other.token(0)).isNotEqualTo(a.token(0));
    }

    @Test
    void callsAreCountedPerTokenAndUnknownOnesApart() {
        TokenTable table = new TokenTable(10, 1);
        table.recordCall(table.token(3));
        table.recordCall(table.token(3));
        table.recordCall("mat_nobody");
        assertThat(table.callsFor(3)).isEqualTo(2);
        assertThat(table.callsFor(4)).isZero();
        assertThat(table.unknownCalls()).isEqualTo(1);
        assertThat(table.totalCalls()).isEqualTo(3);
        table.resetCounts();
        assertThat(table.callsFor(3)).isZero();
        assertThat(table.totalCalls()).isZero();
    }
}
