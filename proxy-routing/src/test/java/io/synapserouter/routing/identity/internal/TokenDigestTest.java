package io.synapserouter.routing.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenDigestTest {

    private static final String TOKEN = "mat_Q2xKcR7sWn0bV4dLh8tPz1yXg5mFj3abc123";

    @Test
    void sameInputsGiveTheSameDigestInEveryProcess() {
        // A fixed value (SHA-256 of 00000003 'abc' ff ff, first 16 bytes): the hex form is a routing
        // key that two router processes, and two releases, must agree on.
        assertThat(TokenDigest.of("abc", null, null).hex()).isEqualTo("fda5ab4b503f20cd6f5060ba32c3aa18");
        assertThat(TokenDigest.of(TOKEN, null, null)).isEqualTo(TokenDigest.of(TOKEN, null, null));
        assertThat(TokenDigest.of(TOKEN, null, null).hashCode()).isEqualTo(TokenDigest.of(TOKEN, null, null).hashCode());
    }

    @Test
    void nonAsciiFieldsAreDigestedAsUtf8() {
        // 00000003 'abc' 00000002 c3a9 ff: the length counts UTF-8 bytes, not chars
        assertThat(TokenDigest.of("abc", "\u00e9", null).hex()).isEqualTo("5306dd2c85843772c476b7d8833cbc24");
    }

    @Test
    void longTokensDigestLikeShortOnes() {
        String longToken = "x".repeat(10_000);

        assertThat(TokenDigest.of(longToken, null, null)).isEqualTo(TokenDigest.of(longToken, null, null))
                .isNotEqualTo(TokenDigest.of(longToken + "y", null, null));
    }

    @Test
    void appserviceParametersMakeADifferentKey() {
        TokenDigest plain = TokenDigest.of(TOKEN, null, null);
        TokenDigest asUser = TokenDigest.of(TOKEN, "@bot:example.org", null);
        TokenDigest asDevice = TokenDigest.of(TOKEN, "@bot:example.org", "DEV");
        TokenDigest emptyUser = TokenDigest.of(TOKEN, "", null);

        assertThat(Set.of(plain, asUser, asDevice, emptyUser)).hasSize(4);
    }

    @Test
    void fieldsDoNotRunIntoEachOther() {
        assertThat(TokenDigest.of("ab", "c", null)).isNotEqualTo(TokenDigest.of("a", "bc", null));
        assertThat(TokenDigest.of("a", null, "b")).isNotEqualTo(TokenDigest.of("a", "b", null));
    }

    @Test
    void neverShowsTheToken() {
        TokenDigest digest = TokenDigest.of(TOKEN, null, null);

        assertThat(digest.hex()).doesNotContain(TOKEN.substring(4, 12));
        assertThat(digest.toString()).doesNotContain(TOKEN).contains(digest.shortHex());
        assertThat(digest.shortHex()).hasSize(8).isEqualTo(digest.hex().substring(0, 8));
    }

    @Test
    void distinctTokensGiveDistinctDigests() {
        Set<TokenDigest> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(TokenDigest.of("mat_token_" + i, null, null));
        }
        assertThat(seen).hasSize(100_000);
    }
}
