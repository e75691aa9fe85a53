package io.synapserouter.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.bench.backend.BenchBackend;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpLanesTest {

    @Test
    void manyRequestsShareAFewKeepAliveLanes() throws Exception {
        try (BenchBackend backend = new BenchBackend(10, 1, Map.of("sync", 1));
             HttpLanes lanes = new HttpLanes(new InetSocketAddress("127.0.0.1", backend.poolPorts("sync").get(0)), 4, 10_000)) {
            List<Reply> replies = lanes.runAll(200, i -> new HttpLanes.Request("GET", "/_matrix/client/v3/sync?timeout=0", null));

            assertThat(replies).hasSize(200).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.servedBy()).isEqualTo("sync-1");
            });
        }
    }

    @Test
    void aRequestThatGetsNoAnswerIsReportedAsFailedNotAsAStatus() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (HttpLanes lanes = new HttpLanes(new InetSocketAddress("127.0.0.1", closedPort), 1, 5_000)) {
            Reply r = lanes.send(0, "GET", "/", null).join();

            assertThat(r).isSameAs(Reply.FAILED);
            assertThat(r.ok()).isFalse();
        }
    }
}
