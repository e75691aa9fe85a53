package io.synapserouter.routing.key;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class XMatrixOriginTest {

    @Test
    void readsTheQuotedOriginOfTheSpecExample() {
        assertThat(XMatrixOrigin.parse("X-Matrix origin=\"origin.hs.example.com\",destination=\"destination.hs.example.com\","
                + "key=\"ed25519:key1\",sig=\"ABCDEF...\"")).isEqualTo("origin.hs.example.com");
    }

    @Test
    void acceptsUnquotedValuesWithColonsAnyParameterOrderAndSpaces() {
        assertThat(XMatrixOrigin.parse("X-Matrix origin=remote.example:8448,key=ed25519:a,sig=abc/+d"))
                .isEqualTo("remote.example:8448");
        assertThat(XMatrixOrigin.parse("X-Matrix key=\"ed25519:a\", sig=ab/c+d, origin = \"remote.example\""))
                .isEqualTo("remote.example");
        assertThat(XMatrixOrigin.parse("x-matrix ORIGIN=\"remote.example\"")).isEqualTo("remote.example");
        assertThat(XMatrixOrigin.parse("X-Matrix origin=\"[2001:db8::1]:8448\"")).isEqualTo("[2001:db8::1]:8448");
    }

    @Test
    void quotedStringsMayEscapeAndContainCommas() {
        assertThat(XMatrixOrigin.parse("X-Matrix sig=\"a,b\\\"c\",origin=\"remote.example\"")).isEqualTo("remote.example");
    }

    @Test
    void otherSchemesAndMalformedHeadersGiveNoOrigin() {
        assertThat(XMatrixOrigin.parse("Bearer syt_abc")).isNull();
        assertThat(XMatrixOrigin.parse("X-Matrixorigin=x")).isNull();
        assertThat(XMatrixOrigin.parse("X-Matrix key=\"a\"")).isNull();
        assertThat(XMatrixOrigin.parse("X-Matrix origin=\"unterminated")).isNull();
        assertThat(XMatrixOrigin.parse("X-Matrix origin=\"\"")).isNull();
        assertThat(XMatrixOrigin.parse("X-Matrix origin=\"evil host\"")).isNull();
        assertThat(XMatrixOrigin.parse("X-Matrix origin=\"" + "a".repeat(300) + "\"")).isNull();
    }

    @Test
    void theFirstHeaderWithAnOriginWins() {
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.add("Authorization", "Bearer something");
        headers.add("Authorization", "X-Matrix origin=\"one.example\",key=\"ed25519:a\",sig=\"x\"");
        headers.add("Authorization", "X-Matrix origin=\"two.example\",key=\"ed25519:b\",sig=\"y\"");
        assertThat(XMatrixOrigin.find(headers)).isEqualTo("one.example");
        assertThat(XMatrixOrigin.find(new DefaultHttpHeaders())).isNull();
    }
}
