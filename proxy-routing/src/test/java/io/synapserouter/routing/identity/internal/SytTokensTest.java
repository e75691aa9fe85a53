package io.synapserouter.routing.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.routing.identity.TestTokens;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SytTokensTest {

    private final Random random = new Random(7);

    @ParameterizedTest
    @ValueSource(strings = {"alice", "a", "bob.smith-2", "_discord_123456", "=equals=", "\u00e9lodie", "\u5f20\u4f1f", "ab?>"})
    void readsTheLocalpartSynapseWroteIntoItsToken(String localpart) {
        String token = TestTokens.syt(localpart, random);

        assertThat(SytTokens.localpart(token)).isEqualTo(localpart);
    }

    @Test
    void localpartWhoseBase64HoldsPlusAndSlashIsRead() {
        String localpart = "ab?>"; // base64 YWI/Pg: the standard alphabet, not the URL-safe one
        String token = TestTokens.syt(localpart, random);

        assertThat(token).contains("/");
        assertThat(SytTokens.localpart(token)).isEqualTo(localpart);
    }

    @Test
    void tokenWithAWrongChecksumNamesNobody() {
        String token = TestTokens.syt("alice", random);
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(SytTokens.localpart(tampered)).isNull();
    }

    @Test
    void tokenWithAnotherLocalpartButTheOldChecksumNamesNobody() {
        String token = TestTokens.syt("alice", random);
        String forged = "syt_Ym9i" + token.substring(token.indexOf('_', 4));

        assertThat(SytTokens.localpart(forged)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mat_Q2xKcR7sWn0bV4dLh8tPz1yXg5mFj3abc123",
            "syr_YWxpY2U_eXfXfXfXfXfXfXfXfXfX_0abcde",
            "syt_",
            "syt__abcdefghijklmnopqrst_000000",
            "syt_YWxpY2U_abcdefghijklmnopqrs_000000",
            "syt_YWxpY2U_abcdefghijklmnopqr1t_000000",
            "MDAxOGxvY2F0aW9uIGV4YW1wbGUub3JnCjAwMTNpZGVudGlmaWVyIGtleQo",
            "some-appservice-token",
            ""})
    void otherTokensNameNobody(String token) {
        assertThat(SytTokens.localpart(token)).isNull();
    }

    @Test
    void nullNamesNobody() {
        assertThat(SytTokens.localpart(null)).isNull();
    }
}
