package io.synapserouter.routing.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RoomIdsTest {

    @Test
    void everyEncodingOfOneRoomGivesTheSameKey() {
        List<String> paths = List.of(
                "/_matrix/client/v3/rooms/!abc:example.org/messages",
                "/_matrix/client/v3/rooms/%21abc%3Aexample.org/messages",
                "/_matrix/client/v3/rooms/%21abc%3aexample.org/messages",
                "/_matrix/client/v3/rooms/!abc%3Aexample.org/messages",
                "/_matrix/client/v3/rooms/%21abc:example.org/messages",
                "/_matrix/federation/v1/state_ids/%21abc%3Aexample.org");
        for (String path : paths) {
            assertThat(RoomIds.find(path)).as(path).isEqualTo("!abc:example.org");
        }
    }

    @Test
    void thePlainFormIsTakenAsIsAndTheServerEndsAtTheNextSlashOrEscape() {
        assertThat(RoomIds.find("/_matrix/client/v3/rooms/!OGEhHVWSdvArJzumhm:matrix.org/send/m.room.message/1"))
                .isEqualTo("!OGEhHVWSdvArJzumhm:matrix.org");
        assertThat(RoomIds.find("/_matrix/client/v3/rooms/!a-b_c.d=e:sub.example-host.org/state"))
                .isEqualTo("!a-b_c.d=e:sub.example-host.org");
        assertThat(RoomIds.find("/_matrix/client/v3/rooms/%21abc%3Aexample.org%2Fx")).isEqualTo("!abc:example.org");
    }

    @Test
    void theFirstWellFormedIdWinsAsInTheLazyPublicPattern() {
        // '/' is a localpart character of the public pattern, but '!' is not: the first try fails.
        assertThat(RoomIds.find("/_matrix/client/v3/pushrules/!bad/rooms/!good:example.org/x")).isEqualTo("!good:example.org");
        assertThat(RoomIds.find("/x/!:nolocal/!abc:srv")).isEqualTo("!abc:srv");
        assertThat(RoomIds.find("/x/!abc!def:srv")).isEqualTo("!def:srv");
    }

    @Test
    void thereIsNoKeyWithoutARoomId() {
        assertThat(RoomIds.find("/_matrix/client/v3/sync")).isNull();
        assertThat(RoomIds.find("/_matrix/client/v3/profile/@alice:example.org")).isNull();
        assertThat(RoomIds.find("/_matrix/client/v3/directory/room/%23alias%3Aexample.org")).isNull();
        assertThat(RoomIds.find("/x/!abc:")).isNull();
        assertThat(RoomIds.find("/x/%2")).isNull();
        assertThat(RoomIds.find("/x/!abc%3")).isNull();
    }

    @Test
    void agreesWithThePublicRoomPatternOnGeneratedPaths() {
        Pattern publicPattern = Pattern.compile("(?:!|%21)([A-Za-z0-9._=\\-/]+)(?::|%3[Aa])([A-Za-z0-9.\\-]+)");
        String[] pieces = {"!", "%21", ":", "%3A", "%3a", "%3", "%2", "abc", "example.org", "/", "-", "_", "=", "@", "$", "%23", "x.y"};
        Random random = new Random(5);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder path = new StringBuilder("/_matrix/client/v3/rooms/");
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                path.append(pieces[random.nextInt(pieces.length)]);
            }
            Matcher m = publicPattern.matcher(path);
            String expected = m.find() ? "!" + m.group(1) + ":" + m.group(2) : null;
            assertThat(RoomIds.find(path.toString())).as(path.toString()).isEqualTo(expected);
        }
    }

    @Test
    void theQueryIsNotPartOfThePath() {
        String target = "/_matrix/client/v3/sync?room=!abc:example.org";
        assertThat(RoomIds.find(target, 0, target.indexOf('?'))).isNull();
    }
}
