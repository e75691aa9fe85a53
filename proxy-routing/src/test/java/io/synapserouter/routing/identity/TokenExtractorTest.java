package io.synapserouter.routing.identity;

import static io.synapserouter.routing.identity.Requests.SYNC;
import static io.synapserouter.routing.identity.Requests.head;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenExtractorTest {

    private static final String TOKEN = "mat_Q2xKcR7sWn0bV4dLh8tPz1yXg5mFj3_abc123";

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("bearer header", SYNC, new String[] {"Authorization", "Bearer " + TOKEN}, TOKEN),
                Arguments.of("scheme in lowercase is not Synapse's", SYNC, new String[] {"Authorization", "bearer " + TOKEN}, null),
                Arguments.of("scheme in capitals", SYNC, new String[] {"Authorization", "BEARER " + TOKEN}, null),
                Arguments.of("two spaces after the scheme", SYNC, new String[] {"Authorization", "Bearer  " + TOKEN}, null),
                Arguments.of("a space inside the token", SYNC, new String[] {"Authorization", "Bearer abc def"}, null),
                Arguments.of("scheme without token", SYNC, new String[] {"Authorization", "Bearer "}, null),
                Arguments.of("another scheme", SYNC, new String[] {"Authorization", "Basic dXNlcjpwYXNz"}, null),
                Arguments.of("no token anywhere", SYNC, new String[0], null),
                Arguments.of("two Authorization headers", SYNC,
                        new String[] {"Authorization", "Bearer " + TOKEN, "Authorization", "Bearer " + TOKEN}, null),
                Arguments.of("query parameter", SYNC + "&access_token=" + TOKEN, new String[0], TOKEN),
                Arguments.of("query parameter first in the query", "/_matrix/client/v3/sync?access_token=" + TOKEN, new String[0], TOKEN),
                Arguments.of("percent-encoded query parameter", SYNC + "&access_token=%6Dat_Q2xKcR7sWn0bV4dLh8tPz1yXg5mFj3%5Fabc123",
                        new String[0], TOKEN),
                Arguments.of("percent-encoded parameter name", SYNC + "&access%5Ftoken=" + TOKEN, new String[0], TOKEN),
                Arguments.of("first of two query parameters", SYNC + "&access_token=" + TOKEN + "&access_token=other", new String[0], TOKEN),
                Arguments.of("empty query parameter", SYNC + "&access_token=", new String[0], null),
                Arguments.of("query token holding a decoded space", SYNC + "&access_token=abc+def", new String[0], null),
                Arguments.of("query token holding a non-ASCII byte", SYNC + "&access_token=abc%C3%A9", new String[0], null),
                Arguments.of("header and query parameter together", SYNC + "&access_token=" + TOKEN,
                        new String[] {"Authorization", "Bearer " + TOKEN}, null),
                Arguments.of("header and an empty query parameter", SYNC + "&access_token",
                        new String[] {"Authorization", "Bearer " + TOKEN}, null),
                Arguments.of("a parameter that merely ends like access_token", SYNC + "&xaccess_token=" + TOKEN, new String[0], null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void findsTheTokenSynapseWouldAuthenticate(String why, String target, String[] headers, String expected) {
        AccessToken token = TokenExtractor.extract(head(target, "192.0.2.1", null, headers));
        if (expected == null) {
            assertThat(token).as(why).isNull();
        } else {
            assertThat(token).as(why).isNotNull();
            assertThat(token.token()).as(why).isEqualTo(expected);
        }
    }

    @Test
    void tellsWhereTheTokenCameFrom() {
        assertThat(TokenExtractor.extract(head(SYNC, "192.0.2.1", null, "Authorization", "Bearer " + TOKEN)).fromQuery()).isFalse();
        assertThat(TokenExtractor.extract(head(SYNC + "&access_token=" + TOKEN, "192.0.2.1", null)).fromQuery()).isTrue();
    }

    @Test
    void appserviceParametersTakePartInIdentity() {
        AccessToken token = TokenExtractor.extract(head(
                "/_matrix/client/v3/sync?user_id=%40whatsapp_4915%3Aexample.org&org.matrix.msc3202.device_id=DEV%201",
                "192.0.2.1", null, "Authorization", "Bearer as_secret"));

        assertThat(token.token()).isEqualTo("as_secret");
        assertThat(token.userId()).isEqualTo("@whatsapp_4915:example.org");
        assertThat(token.deviceParam()).isEqualTo(AccessToken.UNSTABLE_DEVICE_ID_PARAM);
        assertThat(token.deviceId()).isEqualTo("DEV 1");
    }

    @Test
    void stableDeviceParameterIsReadWhenTheUnstableOneIsAbsent() {
        AccessToken token = TokenExtractor.extract(head(SYNC + "&user_id=@bot:example.org&device_id=ABC",
                "192.0.2.1", null, "Authorization", "Bearer as_secret"));

        assertThat(token.userId()).isEqualTo("@bot:example.org");
        assertThat(token.deviceParam()).isEqualTo(AccessToken.DEVICE_ID_PARAM);
        assertThat(token.deviceId()).isEqualTo("ABC");
    }

    @Test
    void plainTokenHasNoAppserviceParameters() {
        AccessToken token = TokenExtractor.extract(head(SYNC, "192.0.2.1", null, "Authorization", "Bearer " + TOKEN));

        assertThat(token.userId()).isNull();
        assertThat(token.deviceId()).isNull();
    }

    @Test
    void descriptionNeverShowsTheToken() {
        AccessToken token = TokenExtractor.extract(head(SYNC + "&user_id=@bot:example.org", "192.0.2.1", null,
                "Authorization", "Bearer " + TOKEN));

        assertThat(token.toString()).doesNotContain(TOKEN).contains("@bot:example.org");
    }
}
