package io.synapserouter.routing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.server.UpstreamConnectionSettings;
import io.synapserouter.core.config.ConfigException;
import io.synapserouter.core.config.ConfigProblem;
import io.synapserouter.core.config.HealthCheckSettings;
import io.synapserouter.core.config.HostPort;
import io.synapserouter.core.config.LimitSettings;
import io.synapserouter.core.config.ListenerSettings;
import io.synapserouter.core.config.TimeoutSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class RouterConfigLoaderTest {

    private static final String SYNAPSE = "synapse: { client: \"matrix-synapse:8008\" }\n";

    private static RouterConfig parse(String yaml) {
        return RouterConfigLoader.parse(yaml, "router.yaml", Map.of());
    }

    private static RouterConfig parse(String yaml, Map<String, String> env) {
        return RouterConfigLoader.parse(yaml, "router.yaml", env);
    }

    /** The whole message of the error {@code yaml} causes. */
    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Nested
    class Defaults {

        @Test
        void absentSectionsTakeTheDocumentedDefaults() {
            RouterConfig config = parse(SYNAPSE);

            assertThat(config.proxy().listeners()).containsExactly(new ListenerSettings("client", "0.0.0.0", 8008, 50L << 20));
            assertThat(config.admin()).isEqualTo(new HostPort("127.0.0.1", 9000));
            assertThat(config.proxy().trustedProxies()).isEmpty();
            assertThat(config.proxy().timeouts()).isEqualTo(new TimeoutSettings(
                    Duration.ofSeconds(5), Duration.ofSeconds(180), Duration.ofSeconds(10), Duration.ofSeconds(65)));
            assertThat(config.proxy().limits()).isEqualTo(new LimitSettings(16 * 1024, 8 * 1024));
            assertThat(config.proxy().resolveInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.proxy().shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.proxy().debugHeaders()).isFalse();
            assertThat(config.proxy().defaultForwardedProto()).isEqualTo("http");
            assertThat(config.proxy().ioThreads()).isZero();
            assertThat(config.synapse()).isEqualTo(new SynapseSettings(new HostPort("matrix-synapse", 8008), new HostPort("matrix-synapse", 8008)));
            assertThat(config.workers()).isEmpty();
            assertThat(config.workers("sync")).isEmpty();
            assertThat(config.pools()).isEmpty();
            assertThat(config.routes()).isEmpty();
            assertThat(config.whoami()).isEqualTo(new WhoamiSettings(
                    URI.create("http://matrix-synapse:8008/_matrix/client/v3/account/whoami"), Duration.ofSeconds(2),
                    Duration.ofHours(1), Duration.ofMinutes(1), 100_000, 5, Duration.ofSeconds(10)));
            assertThat(config.healthChecks()).isEqualTo(new HealthCheckSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 3, "/health"));
            assertThat(config.accessLog()).isEqualTo(new AccessLogSettings(true, AccessLogSettings.Format.COMBINED));
        }

        @Test
        void aPartlyWrittenSectionKeepsTheDefaultsOfTheKeysItLeavesOut() {
            RouterConfig config = parse(SYNAPSE + """
                    timeouts: { upstream_response: 1h }
                    whoami: { cache: { ttl: 10m } }
                    health_checks: { fall: 5 }
                    """);
            assertThat(config.proxy().timeouts()).isEqualTo(new TimeoutSettings(
                    Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofSeconds(65)));
            assertThat(config.whoami().ttl()).isEqualTo(Duration.ofMinutes(10));
            assertThat(config.whoami().timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(config.healthChecks()).isEqualTo(new HealthCheckSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 5, "/health"));
        }

        @Test
        void emptyValuesReadAsAbsent() {
            RouterConfig config = parse(SYNAPSE + """
                    workers:
                      sync:
                    timeouts:
                    routes:
                    """);
            assertThat(config.workers()).containsExactly(Map.entry("sync", List.of()));
            assertThat(config.proxy().timeouts()).isEqualTo(TimeoutSettings.DEFAULTS);
            assertThat(config.routes()).isEmpty();
        }

        @Test
        void theWhoamiUrlFollowsSynapsesClientAddress() {
            RouterConfig config = parse("synapse: { client: \"[fd00::5]:8008\", federation: \"10.0.0.5:8048\" }\n");
            assertThat(config.whoami().url()).isEqualTo(URI.create("http://[fd00::5]:8008/_matrix/client/v3/account/whoami"));
            assertThat(config.synapse().federation()).isEqualTo(new HostPort("10.0.0.5", 8048));
        }
    }

    @Nested
    class Listeners {

        @Test
        void bodyLimitsGoToTheirListeners() {
            RouterConfig config = parse(SYNAPSE + """
                    listeners: { client: "127.0.0.1:0", federation: "[::]:8448" }
                    limits: { client_body: 100M, federation_body: 1G }
                    """);
            assertThat(config.proxy().listeners()).containsExactly(
                    new ListenerSettings("client", "127.0.0.1", 0, 100L << 20),
                    new ListenerSettings("federation", "::", 8448, 1L << 30));
        }

        @Test
        void federationAndAdminAreDisabledByNull() {
            RouterConfig config = parse(SYNAPSE + """
                    listeners:
                      federation: ~
                      admin:
                    """);
            assertThat(config.proxy().listeners()).extracting(ListenerSettings::name).containsExactly("client");
            assertThat(config.admin()).isNull();
        }

        @Test
        void aListenerMayComeFromTheEnvironmentAndBeDisabledByAnEmptyOne() {
            String yaml = SYNAPSE + "listeners: { federation: \"${FED_LISTEN:-}\" }\n";
            assertThat(parse(yaml).proxy().listeners()).hasSize(1);
            assertThat(parse(yaml, Map.of("FED_LISTEN", "0.0.0.0:8048")).proxy().listeners())
                    .extracting(ListenerSettings::port).containsExactly(8008, 8048);
        }

        @Test
        void theClientListenerCannotBeDisabled() {
            assertThat(error(SYNAPSE + "listeners:\n  client: null\n"))
                    .startsWith("router.yaml:3:11: listeners.client: the client listener cannot be disabled");
        }

        @Test
        void aListenerBindsANumericAddress() {
            assertThat(error(SYNAPSE + "listeners: { client: \"localhost:8008\" }\n"))
                    .isEqualTo("router.yaml:2:22: listeners.client: a listener binds a numeric address, e.g. \"0.0.0.0:8008\""
                            + " or \"[::]:8008\", not 'localhost'");
        }

        @Test
        void twoListenersCannotShareAPort() {
            assertThat(error(SYNAPSE + """
                    listeners:
                      client: "0.0.0.0:8008"
                      federation: "127.0.0.1:8008"
                    """)).isEqualTo("router.yaml:4:15: listeners.federation: 127.0.0.1:8008 is also listeners.client (0.0.0.0:8008)");
            assertThat(error(SYNAPSE + "listeners: { admin: \"0.0.0.0:8008\" }\n"))
                    .isEqualTo("router.yaml:2:21: listeners.admin: 0.0.0.0:8008 is also listeners.client by default (0.0.0.0:8008)");
        }
    }

    @Nested
    class UnknownKeys {

        @Test
        void aMisspeltListenerIsNamedWithItsLineAndTheKeyItResembles() {
            assertThat(error(SYNAPSE + """
                    listeners:
                      clinet: "0.0.0.0:8008"
                    """)).isEqualTo("router.yaml:3:3: listeners.clinet: unknown key (known: client, federation, admin); did you mean 'client'?");
        }

        @Test
        void aMisspeltKeyThreeLevelsDownIsNamedByItsFullPath() {
            assertThat(error(SYNAPSE + """
                    whoami:
                      timeout: 2s
                      cache:
                        max_entries: 1000
                        tll: 1h
                    """)).isEqualTo("router.yaml:6:5: whoami.cache.tll: unknown key (known: ttl, negative_ttl, max_entries); did you mean 'ttl'?");
        }

        @Test
        void unknownKeysAreFoundEverywhere() {
            String message = error(SYNAPSE + """
                    listners: {}
                    workers:
                      sinc: []
                      stream_writers: { typng: [] }
                    pools:
                      client_reader: { balance: round_robin }
                    routes:
                      - { path: "^/x", pool: main, methd: [GET] }
                    """);
            assertThat(message.lines()).containsExactly(
                    "router.yaml:2:1: listners: unknown key (known: listeners, trusted_proxies, synapse, workers, pools, routes,"
                            + " debug_headers, access_log, timeouts, limits, upstream_keepalive, resolve_interval, shutdown_grace, io_threads,"
                            + " forwarded_proto, whoami, health_checks); did you mean 'listeners'?",
                    "router.yaml:4:3: workers.sinc: unknown key (known: sync, initial_sync, room, client_reader, federation_reader,"
                            + " generic, media_repository, user_dir, stream_writers); did you mean 'sync'?",
                    "router.yaml:5:21: workers.stream_writers.typng: unknown key (known: typing, to_device, account_data, receipts,"
                            + " presence, push_rules, device_lists, thread_subscriptions, quarantined_media_changes); did you mean 'typing'?",
                    "router.yaml:7:20: pools.client_reader.balance: unknown key (known: balancing, when_empty); did you mean 'balancing'?",
                    "router.yaml:9:32: routes[0].methd: unknown key (known: name, listener, path, methods, pool, upstream, key);"
                            + " did you mean 'methods'?");
        }

        @Test
        void aPoolOverrideMustNameAWorkerPool() {
            assertThat(error(SYNAPSE + "pools:\n  clientreader: { when_empty: error }\n"))
                    .startsWith("router.yaml:3:3: pools.clientreader: unknown key (known: sync, initial_sync, room, client_reader,")
                    .endsWith("; did you mean 'client_reader'?");
        }
    }

    @Nested
    class WrongValues {

        @Test
        void wrongTypesSayWhatWasExpectedAndFound() {
            String message = error(SYNAPSE + """
                    workers:
                      sync: { a: "w:1" }
                      room: "room-1:8008"
                    trusted_proxies: "127.0.0.1/32"
                    timeouts: { connect: fast }
                    io_threads: many
                    debug_headers: sometimes
                    health_checks: [2s]
                    """);
            assertThat(message.lines()).containsExactly(
                    "router.yaml:3:9: workers.sync: expected a list, found a map",
                    "router.yaml:4:9: workers.room: expected a list, found text 'room-1:8008'",
                    "router.yaml:5:18: trusted_proxies: expected a list, found text '127.0.0.1/32'",
                    "router.yaml:6:22: timeouts.connect: 'fast' is not a duration; write a whole number and a unit, e.g. 250ms, 2s,"
                            + " 5m, 1h, 1d or 1h30m",
                    "router.yaml:7:13: io_threads: expected a whole number, found text 'many'",
                    "router.yaml:8:16: debug_headers: expected true or false, found text 'sometimes'",
                    "router.yaml:9:16: health_checks: expected a map of keys, found a list");
        }

        @Test
        void badAddressesAndCidrsAreNamedByTheirIndex() {
            String message = error(SYNAPSE + """
                    trusted_proxies: ["10.0.0.0/8", "traefik"]
                    workers:
                      sync:
                        - "sync-0:8008"
                        - "sync-1"
                        - "sync-2:0"
                    """);
            assertThat(message.lines()).containsExactly(
                    "router.yaml:2:33: trusted_proxies[1]: 'traefik' is not a numeric IP address or CIDR",
                    "router.yaml:6:7: workers.sync[1]: 'sync-1' is not host:port",
                    "router.yaml:7:7: workers.sync[2]: port 0 cannot be connected to; give the port the process listens on");
        }

        @Test
        void anEndpointListedTwiceInOnePoolIsAnError() {
            assertThat(error(SYNAPSE + """
                    workers:
                      room: ["room-0:8008", "room-1:8008", "room-0:8008"]
                      client_reader: ["room-0:8008"]
                    """)).isEqualTo("router.yaml:3:40: workers.room[2]: duplicate endpoint room-0:8008 (already workers.room[0] at line 3)");
        }

        @Test
        void meaninglessZerosAreRefused() {
            String message = error(SYNAPSE + """
                    timeouts: { connect: 0s }
                    limits: { client_body: 0 }
                    whoami: { cache: { max_entries: 0 }, breaker: { failures: 0 } }
                    health_checks: { rise: 0, fall: -1, interval: 0ms }
                    resolve_interval: 0
                    """);
            assertThat(message.lines()).containsExactly(
                    "router.yaml:2:22: timeouts.connect: must be greater than 0",
                    "router.yaml:3:24: limits.client_body: must be at least 1; 0 would refuse every request body"
                            + " (there is no 'unlimited': write e.g. 1G)",
                    "router.yaml:4:33: whoami.cache.max_entries: must be at least 1, found 0",
                    "router.yaml:4:59: whoami.breaker.failures: must be at least 1, found 0",
                    "router.yaml:5:24: health_checks.rise: must be at least 1, found 0",
                    "router.yaml:5:33: health_checks.fall: must be at least 1, found -1",
                    "router.yaml:5:47: health_checks.interval: must be greater than 0",
                    "router.yaml:6:19: resolve_interval: must be greater than 0");
        }

        @Test
        void zeroIsAllowedWhereItMeansSomething() {
            RouterConfig config = parse(SYNAPSE + "shutdown_grace: 0\nwhoami: { cache: { negative_ttl: 0s } }\nio_threads: 0\n");
            assertThat(config.proxy().shutdownGrace()).isZero();
            assertThat(config.whoami().negativeTtl()).isZero();
        }

        @Test
        void unknownEnumValuesListTheChoices() {
            String message = error(SYNAPSE + """
                    pools: { sync: { balancing: consistent-hash, when_empty: fail } }
                    access_log: { format: jsonl }
                    forwarded_proto: ftp
                    """);
            assertThat(message.lines()).containsExactly(
                    "router.yaml:2:29: pools.sync.balancing: unknown value 'consistent-hash' (expected one of: consistent_hash,"
                            + " least_outstanding, round_robin); did you mean 'consistent_hash'?",
                    "router.yaml:2:58: pools.sync.when_empty: unknown value 'fail' (expected one of: main, error)",
                    "router.yaml:3:23: access_log.format: unknown value 'jsonl' (expected one of: combined, routing_debug, json);"
                            + " did you mean 'json'?",
                    "router.yaml:4:18: forwarded_proto: unknown value 'ftp' (expected one of: http, https)");
        }

        @Test
        void theRequestLineCannotExceedTheHead() {
            assertThat(error(SYNAPSE + "limits: { request_head: 8K, request_line: 16K }\n")).isEqualTo(
                    "router.yaml:2:43: limits.request_line: the request line (16K) cannot be longer than the whole request head"
                            + " (limits.request_head: 8K)");
        }

        @Test
        void upstreamKeepAliveIsReadWithDefaultsAndBounds() {
            assertThat(parse(SYNAPSE).upstreamKeepAlive()).isEqualTo(UpstreamConnectionSettings.DEFAULTS);
            RouterConfig custom = parse(SYNAPSE + "upstream_keepalive: { max_idle: 0, idle_timeout: 5s }\n");
            assertThat(custom.upstreamKeepAlive().maxIdlePerEndpoint()).isZero();
            assertThat(custom.upstreamKeepAlive().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(error(SYNAPSE + "upstream_keepalive: { max_idle: -1 }\n")).startsWith("router.yaml:2:33: upstream_keepalive.max_idle:");
            assertThat(error(SYNAPSE + "upstream_keepalive: { idle_timout: 5s }\n")).contains("did you mean 'idle_timeout'?");
        }

        @Test
        void theWhoamiUrlMustBeHttp() {
            assertThat(error(SYNAPSE + "whoami: { url: \"matrix-synapse:8008/whoami\" }\n"))
                    .isEqualTo("router.yaml:2:16: whoami.url: 'matrix-synapse:8008/whoami' is not a http URL with a host");
            // The lookup client speaks no TLS, so https is refused at load time rather than failing every lookup.
            assertThat(error(SYNAPSE + "whoami: { url: \"https://mas.example.org/_matrix/client/v3/account/whoami\" }\n"))
                    .startsWith("router.yaml:2:16: whoami.url:");
            assertThat(parse(SYNAPSE + "whoami: { url: \"http://matrix-synapse:8008/_matrix/client/v3/account/whoami\" }\n").whoami().url())
                    .isEqualTo(URI.create("http://matrix-synapse:8008/_matrix/client/v3/account/whoami"));
        }

        @Test
        void theHealthPathMustBeAPath() {
            assertThat(error(SYNAPSE + "health_checks: { path: health }\n"))
                    .isEqualTo("router.yaml:2:24: health_checks.path: 'health' is not a request path; write it as Synapse serves it, e.g. /health");
        }
    }

    @Nested
    class Synapse {

        @Test
        void synapseIsRequired() {
            assertThat(error("")).startsWith("router.yaml:1:1: synapse: required, but missing; it names Synapse's main process");
            assertThat(error("listeners: {}\n")).startsWith("router.yaml:1:1: synapse: required, but missing");
            assertThat(error("synapse:\n  federation: \"s:8048\"\n"))
                    .startsWith("router.yaml:2:3: synapse.client: required, but missing; the main process's client-server listener");
        }

        @Test
        void synapseIsAMapOfListeners() {
            assertThat(error("synapse: \"matrix-synapse:8008\"\n"))
                    .isEqualTo("router.yaml:1:10: synapse: expected a map of keys, found text 'matrix-synapse:8008'");
        }

        @Test
        void otherSectionsAreStillCheckedWhenSynapseIsWrong() {
            String message = error("synapse: { client: nope }\nwhoami: { timeout: 2 }\n");
            assertThat(message.lines()).containsExactly(
                    "router.yaml:1:20: synapse.client: 'nope' is not host:port",
                    "router.yaml:2:20: whoami.timeout: '2' needs a unit: write 2s, 2ms, 2m, … (ms, s, m, h, d)");
        }
    }

    @Nested
    class Routes {

        @Test
        void rulesKeepTheirOrderFieldsAndDefaults() {
            RouterConfig config = parse(SYNAPSE + """
                    routes:
                      - path: "^/_synapse/admin/"
                        pool: main
                      - name: federation-media
                        listener: federation
                        path: "^/_matrix/federation/v1/media/"
                        methods: [get, HEAD]
                        pool: media_repository
                        key: client_ip
                      - path: "^/_matrix/client/v3/rooms/[^/]+/typing"
                        pool: typing
                    """);
            assertThat(config.routes()).extracting(RouteRule::name).containsExactly("route-0", "federation-media", "route-2");
            RouteRule first = config.routes().get(0);
            assertThat(first.listener()).isNull();
            assertThat(first.methods()).isEmpty();
            assertThat(first.key()).isEqualTo(KeyKind.NONE);
            RouteRule media = config.routes().get(1);
            assertThat(media.listener()).isEqualTo("federation");
            assertThat(media.methods()).containsExactlyInAnyOrder("GET", "HEAD");
            assertThat(media.key()).isEqualTo(KeyKind.CLIENT_IP);
            assertThat(config.routes().get(2).pool()).isEqualTo("typing");
        }

        @Test
        void aBadRegexIsNamedWithItsRouteLineAndTheRegexError() {
            assertThat(error(SYNAPSE + """
                    routes:
                      - name: fine
                        path: "^/ok"
                        pool: main
                      - name: broken
                        path: "^/_matrix/(client"
                        pool: main
                    """)).isEqualTo("router.yaml:7:11: routes[1].path: invalid regex '^/_matrix/(client': Unclosed group at index 17");
        }

        @Test
        void aRouteTargetsExactlyOneOfPoolAndUpstream() {
            String message = error(SYNAPSE + """
                    routes:
                      - path: "^/a"
                        pool: main
                        upstream: "10.0.0.5:8080"
                      - path: "^/b"
                    """);
            assertThat(message.lines()).containsExactly(
                    "router.yaml:3:5: routes[0]: has both pool and upstream; a route targets exactly one of them",
                    "router.yaml:6:5: routes[1]: needs a target: pool (one of main, main_federation, sync, initial_sync, room,"
                            + " client_reader, federation_reader, generic, media_repository, user_dir, typing, to_device,"
                            + " account_data, receipts, presence, push_rules, device_lists, thread_subscriptions,"
                            + " quarantined_media_changes) or upstream (host:port)");
        }

        @Test
        void everyFieldOfARouteIsChecked() {
            String message = error(SYNAPSE + """
                    routes:
                      - path: "^/a"
                        pool: clientreader
                      - path: "^/b"
                        upstream: "mas"
                        listener: admin
                        methods: ["GET", "NOT A METHOD"]
                        key: token
                      - "^/c"
                      - pool: main
                    """);
            assertThat(message.lines()).containsExactly(
                    "router.yaml:4:11: routes[0].pool: unknown value 'clientreader' (expected one of: main, main_federation, sync,"
                            + " initial_sync, room, client_reader, federation_reader, generic, media_repository, user_dir, typing,"
                            + " to_device, account_data, receipts, presence, push_rules, device_lists, thread_subscriptions,"
                            + " quarantined_media_changes); did you mean 'client_reader'?",
                    "router.yaml:6:15: routes[1].upstream: 'mas' is not host:port",
                    "router.yaml:7:15: routes[1].listener: unknown value 'admin' (expected one of: client, federation)",
                    "router.yaml:8:22: routes[1].methods[1]: 'NOT A METHOD' is not an HTTP method (GET, POST, PUT, …)",
                    "router.yaml:9:10: routes[1].key: unknown value 'token' (expected one of: user, room, origin, client_ip, none)",
                    "router.yaml:10:5: routes[2]: expected a map of keys, found text '^/c'",
                    "router.yaml:11:5: routes[3].path: required, but missing; a regular expression matched against the raw"
                            + " request path, e.g. \"^/_synapse/admin/\"");
        }

        @Test
        void aRouteToAPoolWithoutWorkersLoadsWithAWarning() {
            Logger logger = (Logger) LoggerFactory.getLogger(RouterConfigLoader.class);
            ListAppender<ILoggingEvent> captured = new ListAppender<>();
            captured.start();
            logger.addAppender(captured);
            try {
                RouterConfig config = parse(SYNAPSE + """
                        workers: { sync: ["sync-0:8008"] }
                        routes:
                          - { name: to-readers, path: "^/a", pool: client_reader }
                          - { name: to-sync, path: "^/b", pool: sync }
                          - { name: to-main, path: "^/c", pool: main }
                        """);
                assertThat(config.routes()).hasSize(3);
                assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                        "route 'to-readers' targets pool 'client_reader', which has no workers: its requests follow that pool's when_empty rule");
            } finally {
                logger.detachAppender(captured);
            }
        }

        @Test
        void routeNamesAreUnique() {
            assertThat(error(SYNAPSE + """
                    routes:
                      - { name: a, path: "^/a", pool: main }
                      - { name: a, path: "^/b", pool: main }
                    """)).isEqualTo("router.yaml:4:13: routes[1].name: duplicate route name 'a' (also routes[0].name at line 3)");
        }
    }

    @Nested
    class Variables {

        @Test
        void numbersBooleansAndAddressesMayComeFromTheEnvironment() {
            RouterConfig config = parse("""
                    synapse: { client: "${SYNAPSE_HOST:-matrix-synapse}:${SYNAPSE_PORT:-8008}" }
                    io_threads: ${IO_THREADS:-4}
                    debug_headers: ${DEBUG_HEADERS:-false}
                    limits: { client_body: "${MAX_UPLOAD:-50M}" }
                    """, Map.of("SYNAPSE_PORT", "18008", "DEBUG_HEADERS", "true", "MAX_UPLOAD", "100M"));
            assertThat(config.synapse().client()).isEqualTo(new HostPort("matrix-synapse", 18008));
            assertThat(config.proxy().ioThreads()).isEqualTo(4);
            assertThat(config.proxy().debugHeaders()).isTrue();
            assertThat(config.proxy().listeners().get(0).maxBodyBytes()).isEqualTo(100L << 20);
        }

        @Test
        void anUnsetVariableNamesItselfTheKeyAndTheLine() {
            assertThat(error(SYNAPSE + "workers:\n  sync: [\"${SYNC_WORKER}\"]\n"))
                    .isEqualTo("router.yaml:3:10: workers.sync[0]: environment variable SYNC_WORKER is not set"
                            + " (write ${SYNC_WORKER:-default} to give it a default)");
        }
    }

    @Test
    void problemsAreReportedInFileOrderWithTheirParts() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("""
                health_checks: { rise: 0 }
                synapse: { client: "s:8008" }
                listeners: { clinet: x }
                """));
        assertThat(e.problems()).extracting(ConfigProblem::line, ConfigProblem::keyPath)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "health_checks.rise"),
                        org.assertj.core.groups.Tuple.tuple(3, "listeners.clinet"));
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("router.yaml");
        assertThatThrownBy(() -> RouterConfigLoader.load(missing)).isInstanceOf(ConfigException.class).hasMessage(missing + ": no such file");
        Files.writeString(missing, SYNAPSE + "pools: { sync: { balancing: round_robin } }\n");
        assertThat(RouterConfigLoader.load(missing).pools()).containsEntry("sync", new PoolOverride(Balancing.ROUND_ROBIN, null));
    }
}
