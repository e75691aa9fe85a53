package io.synapserouter.routing.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryCodecTest {

    @Test
    void decodesLikeAFormQuery() {
        assertThat(decode("plain")).isEqualTo("plain");
        assertThat(decode("%40alice%3Aexample.org")).isEqualTo("@alice:example.org");
        assertThat(decode("a+b")).isEqualTo("a b");
        assertThat(decode("%C3%A9")).isEqualTo("\u00e9");
    }

    @Test
    void keepsMalformedEscapesAsWritten() {
        assertThat(decode("100%")).isEqualTo("100%");
        assertThat(decode("%zz")).isEqualTo("%zz");
        assertThat(decode("%4")).isEqualTo("%4");
    }

    @Test
    void decodesOnlyTheGivenRange() {
        assertThat(QueryCodec.decode("x=%41%42&y", 2, 8)).isEqualTo("AB");
    }

    @Test
    void encodesAllButUnreservedCharacters() {
        StringBuilder sb = new StringBuilder();
        QueryCodec.encode(sb, "@bot_1:example.org/x y\u00e9~");

        assertThat(sb).hasToString("%40bot_1%3Aexample.org%2Fx%20y%C3%A9~");
        assertThat(decode(sb.toString())).isEqualTo("@bot_1:example.org/x y\u00e9~");
    }

    private static String decode(String s) {
        return QueryCodec.decode(s, 0, s.length());
    }
}
