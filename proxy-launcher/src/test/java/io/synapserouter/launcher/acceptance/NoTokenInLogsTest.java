package io.synapserouter.launcher.acceptance;

import static io.synapserouter.launcher.acceptance.RouterUnderTest.SYNC;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.synapserouter.standin.StandinProcess;
import io.synapserouter.standin.SynapseStandin;
import io.synapserouter.standin.TokenDirectory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Issue 4 and the brief's secrets rule: no access token reaches a log line (application or access
 * log, at DEBUG, in every access-log format), {@code /metrics} or {@code /status}, whichever way the
 * token came and whatever whoami did with it.
 */
class NoTokenInLogsTest {

    private static final String ACCESS_LOGGER = "synapse_router.access";

    @ParameterizedTest(name = "access_log.format {0}")
    @ValueSource(strings = {"combined", "routing_debug", "json"})
    void noTokenAppearsInAnyLogLine(String format) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger access = context.getLogger(ACCESS_LOGGER);
        Logger ours = context.getLogger("io.synapserouter");
        Level rootLevel = root.getLevel();
        Level accessLevel = access.getLevel();
        Level oursLevel = ours.getLevel();
        CapturingAppender captured = new CapturingAppender(context);
        root.addAppender(captured);
        access.addAppender(captured); // additivity=false: its lines never reach the root's appenders
        root.setLevel(Level.DEBUG);
        access.setLevel(Level.DEBUG);
        ours.setLevel(Level.DEBUG);
        List<String> used = new ArrayList<>();
        try (SynapseStandin synapse = new SynapseStandin(); ServerSocket dead = new ServerSocket(0)) {
            StandinProcess main = synapse.main();
            List<StandinProcess> sync = synapse.workers("sync", 2);
            String deadWorker = "127.0.0.1:" + dead.getLocalPort();
            dead.close(); // a client reader that refuses connections: the 502 path logs too
            String yaml = RouterUnderTest.yaml(main, sync, "  client_reader: [\"" + deadWorker + "\"]\n"
                    + "pools: { client_reader: { when_empty: error } }\n"
                    + "routes: [ { path: \"^/_matrix/client/v3/voip/\", upstream: \"" + deadWorker + "\" } ]\n"
                    + "access_log: { enabled: true, format: " + format + " }\n"
                    + "debug_headers: true\n"
                    + "whoami: { timeout: 300ms, breaker: { failures: 10, open_for: 30s } }\n");
            Tokens tokens = new Tokens(8);
            int sent = 0;
            try (RouterUnderTest router = RouterUnderTest.start(yaml)) {
                Http http = new Http();
                String profile = "/_matrix/client/v3/profile/@someone:example.org";
                String turn = "/_matrix/client/v3/voip/turnServer";
                String mainOnly = "/_matrix/client/v3/rooms/!room:example.org/forget";
                for (int i = 0; i < 6; i++) {
                    String token = known(synapse, used, i % 2 == 0 ? tokens.mas() : tokens.syt("valid" + i), "@valid" + i + ":example.org");
                    http.get(router.client(SYNC), token);
                    http.get(router.client(SYNC), token); // the cached path
                    http.get(router.client(SYNC + "&access_token=" + token), null);
                    // the client reader and the turn server are down: the router answers itself (503 once health checks saw it, else 502)
                    assertThat(http.get(router.client(profile), token).status()).isGreaterThanOrEqualTo(500);
                    assertThat(http.get(router.client(profile + "?access_token=" + token), null).status()).isGreaterThanOrEqualTo(500);
                    assertThat(http.get(router.client(turn + "?access_token=" + token), null).status()).isGreaterThanOrEqualTo(500);
                    assertThat(http.get(router.client(turn), token).status()).isGreaterThanOrEqualTo(500);
                    http.get(router.client(mainOnly + "?access_token=" + token + "&via=example.org"), null);
                    sent += 8;
                }
                // percent-encoded forms, which Synapse decodes too
                String encoded = known(synapse, used, tokens.mas(), "@encoded:example.org");
                http.get(router.client(SYNC + "&access_token=" + encoded.replace("_", "%5F")), null);
                http.get(router.client(SYNC + "&access%5Ftoken=" + encoded), null);
                http.get(router.client(profile + "?access%5ftoken=" + encoded.replace("_", "%5f")), null);
                sent += 3;
                // invalid tokens: whoami answers 401
                for (int i = 0; i < 4; i++) {
                    String invalid = unknown(used, i % 2 == 0 ? tokens.mas() : tokens.syt("ghost" + i));
                    http.get(router.client(SYNC), invalid);
                    http.get(router.client(SYNC + "&access_token=" + invalid), null);
                    sent += 2;
                }
                // header and query together, two header variants Synapse does not accept
                String a = known(synapse, used, tokens.mas(), "@both:example.org");
                String b = known(synapse, used, tokens.mas(), "@both:example.org");
                http.get(router.client(SYNC + "&access_token=" + b), a);
                sent += 1;
                sent += raw(router, SYNC, "bearer " + known(synapse, used, tokens.mas(), "@lower:example.org"));
                sent += raw(router, SYNC, "Bearer  " + known(synapse, used, tokens.mas(), "@spaces:example.org"));
                // whoami failing in every way, until the breaker opens; then requests with the breaker open
                for (TokenDirectory.Mode mode : List.of(TokenDirectory.Mode.RATE_LIMITED, TokenDirectory.Mode.GARBAGE,
                        TokenDirectory.Mode.FAIL_500, TokenDirectory.Mode.HANG)) {
                    synapse.tokens().mode(mode);
                    for (int i = 0; i < 3; i++) {
                        String token = known(synapse, used, i == 0 ? tokens.syt("failing" + i) : tokens.mas(), "@failing" + i + ":example.org");
                        http.get(router.client(SYNC), token);
                        http.get(router.client(SYNC + "&access_token=" + token), null);
                        sent += 2;
                    }
                }
                synapse.tokens().mode(TokenDirectory.Mode.NORMAL);

                String metrics = http.get(router.admin("/metrics"), null).body();
                String status = http.get(router.admin("/status"), null).body();
                assertThat(metrics).contains("synapse_router_whoami");
                assertThat(status).contains("whoami_cache");

                int requests = sent;
                SyncFailoverTest.awaitTrue(Duration.ofSeconds(10), () -> captured.count(ACCESS_LOGGER) >= requests);
                List<String> lines = captured.lines();
                System.out.printf("noTokenAppearsInAnyLogLine[%s]: %d requests, %d distinct tokens; captured %d log lines (%d access lines, %d DEBUG);"
                                + " /metrics %d bytes, /status %d bytes%n",
                        format, requests, used.size(), lines.size(), captured.count(ACCESS_LOGGER), captured.debugLines(),
                        metrics.length(), status.length());
                assertThat(captured.debugLines()).as("DEBUG lines were captured").isPositive();
                // the search itself would see a token if anything logged one
                String probe = Tokens.secretPart(tokens.mas());
                LoggerFactory.getLogger("io.synapserouter.probe").debug("probe {}", probe);
                assertThat(captured.lines()).anyMatch(l -> l.contains(probe));
                assertThat(lines).as("the breaker's warning was captured").anyMatch(l -> l.contains("WARN") && l.contains("whoami"));
                for (String token : used) {
                    String secret = Tokens.secretPart(token);
                    for (String line : lines) {
                        assertThat(line).as("a log line").doesNotContain(secret);
                    }
                    assertThat(metrics).as("/metrics").doesNotContain(secret);
                    assertThat(status).as("/status").doesNotContain(secret);
                }
            }
        } finally {
            root.detachAppender(captured);
            access.detachAppender(captured);
            root.setLevel(rootLevel);
            access.setLevel(accessLevel);
            ours.setLevel(oursLevel);
            captured.stop();
        }
    }

    private static String known(SynapseStandin synapse, List<String> used, String token, String user) {
        synapse.tokens().put(token, user);
        used.add(token);
        return token;
    }

    private static String unknown(List<String> used, String token) {
        used.add(token);
        return token;
    }

    /** A request with an Authorization value the JDK client would send as is; returns 1 (requests sent). */
    private static int raw(RouterUnderTest router, String target, String authorization) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(router.client(target)))
                .header("Authorization", authorization).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isPositive();
        return 1;
    }

    /** Formats every event as it arrives (pattern with logger, thread, MDC, message and full stack traces). */
    private static final class CapturingAppender extends AppenderBase<ILoggingEvent> {
        private final PatternLayout layout = new PatternLayout();
        private final Queue<String> lines = new ConcurrentLinkedQueue<>();
        private final Queue<String> loggers = new ConcurrentLinkedQueue<>();
        private volatile int debug;

        CapturingAppender(LoggerContext context) {
            setContext(context);
            setName("token-search");
            layout.setContext(context);
            layout.setPattern("%level %logger [%thread] %mdc %msg%n%ex{full}");
            layout.start();
            start();
        }

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(layout.doLayout(event));
            loggers.add(event.getLoggerName());
            if (event.getLevel() == Level.DEBUG) {
                debug++; // appends are serialised by AppenderBase.doAppend
            }
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        long count(String logger) {
            return loggers.stream().filter(logger::equals).count();
        }

        int debugLines() {
            return debug;
        }
    }
}
