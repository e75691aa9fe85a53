package io.synapserouter.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.route.Route;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.routing.config.RouterConfig;
import io.synapserouter.routing.pool.PoolRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every request for one room, however its ID is encoded and whatever the endpoint, lands on one worker. */
class RoomStickinessTest {

    @Test
    void everyRequestForOneRoomLandsOnTheSameRoomWorkerWhateverTheEncoding() {
        RouterConfig config = TestDeployments.config(TestDeployments.workers(Map.of("room", 4)));
        SynapseRouter router = SynapseRouter.create(config, PoolRegistry.fromConfig(config), new TokenHashingResolver());
        Random random = new Random(3);
        Set<String> keys = new HashSet<>();
        Set<Endpoint> used = new HashSet<>();
        for (int r = 0; r < 200; r++) {
            String localpart = randomLocalpart(random);
            String server = List.of("example.org", "matrix.org", "chat.example-host.net", "10.0.0.1").get(random.nextInt(4));
            Endpoint chosen = null;
            String key = null;
            for (String encoded : encodings(localpart, server)) {
                for (String[] request : requests(encoded)) {
                    Route route = router.route(TestDeployments.head(request[0], request[1], request[2])).toCompletableFuture().join();
                    assertThat(route.pool().name()).as(request[2]).isEqualTo("room");
                    Endpoint endpoint = route.pool().select(route.key(), null);
                    if (chosen == null) {
                        chosen = endpoint;
                        key = route.key();
                    }
                    assertThat(route.key()).as(request[2]).isEqualTo(key);
                    assertThat(endpoint).as(request[2]).isSameAs(chosen);
                }
            }
            keys.add(key);
            used.add(chosen);
        }
        assertThat(keys).as("distinct rooms give distinct keys").hasSize(200);
        assertThat(used).as("rooms spread over the room workers, so sticking is not trivial").hasSizeGreaterThanOrEqualTo(3);
    }

    private static List<String> encodings(String localpart, String server) {
        return List.of(
                "!" + localpart + ":" + server,
                "%21" + localpart + "%3A" + server,
                "%21" + localpart + "%3a" + server,
                "!" + localpart + "%3A" + server,
                "%21" + localpart + ":" + server);
    }

    private static List<String[]> requests(String room) {
        return List.of(
                new String[] {"client", "GET", "/_matrix/client/v3/rooms/" + room + "/messages?dir=b&limit=20"},
                new String[] {"client", "GET", "/_matrix/client/r0/rooms/" + room + "/messages"},
                new String[] {"client", "PUT", "/_matrix/client/v3/rooms/" + room + "/send/m.room.message/txn" + room.length()},
                new String[] {"client", "GET", "/_matrix/client/v3/rooms/" + room + "/members"},
                new String[] {"client", "POST", "/_matrix/client/v3/join/" + room},
                new String[] {"client", "GET", "/_matrix/client/v1/rooms/" + room + "/hierarchy"},
                new String[] {"federation", "GET", "/_matrix/federation/v1/state_ids/" + room + "?event_id=%24e"},
                new String[] {"federation", "POST", "/_matrix/federation/v1/get_missing_events/" + room});
    }

    private static String randomLocalpart(Random random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._=-";
        StringBuilder s = new StringBuilder();
        int length = 8 + random.nextInt(16);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
