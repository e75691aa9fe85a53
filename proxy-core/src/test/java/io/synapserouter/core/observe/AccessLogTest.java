package io.synapserouter.core.observe;

import static io.synapserouter.core.observe.Exchanges.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

class AccessLogTest {

    private static final Set<String> SECRETS = Set.of("access_token");

    private static AccessLog log(AccessLogFormat format) {
        return new AccessLog(format, SECRETS, ZoneOffset.UTC, LoggerFactory.getLogger(AccessLog.LOGGER_NAME));
    }

    // 2023-11-14T22:13:20.123Z
    private static ExchangeRecord syncRequest() {
        return exchange()
                .client("198.51.100.7")
                .target("/_matrix/client/v3/sync?since=s72&timeout=30000")
                .userAgent("Element/1.11 (Linux)")
                .referer(null)
                .status(200).bytesOut(2326)
                .pool("sync").route("sync").upstream("sync-1:8083").upstreamStatus(200)
                .requestNanos(30_012_900_000L).upstreamNanos(30_010_000_000L)
                .build();
    }

    @Test
    void combinedIsNginxCombinedFollowedByTheRoutingFields() {
        assertThat(log(AccessLogFormat.COMBINED).format(syncRequest())).isEqualTo(
                "198.51.100.7 - - [14/Nov/2023:22:13:20 +0000] \"GET /_matrix/client/v3/sync?since=s72&timeout=30000 HTTP/1.1\""
                        + " 200 2326 \"-\" \"Element/1.11 (Linux)\""
                        + " pool=sync upstream=sync-1:8083 upstream_status=200 request_time=30.012 upstream_time=30.010");
    }

    @Test
    void routingDebugAddsListenerRouteRetryAndOutcome() {
        ExchangeRecord record = exchange().retried(true).route("sync").build();
        assertThat(log(AccessLogFormat.ROUTING_DEBUG).format(record))
                .startsWith(log(AccessLogFormat.COMBINED).format(record))
                .endsWith(" listener=client route=sync retried=true outcome=proxied");
    }

    @Test
    void localAnswersShowDashesWhereNoUpstreamWasInvolved() {
        ExchangeRecord record = exchange().pool(null).route(null).local(413).bytesOut(60).requestNanos(1_500_000).build();
        assertThat(log(AccessLogFormat.ROUTING_DEBUG).format(record)).endsWith(
                " 413 60 \"-\" \"Element/1.11\" pool=- upstream=- upstream_status=- request_time=0.001 upstream_time=-"
                        + " listener=client route=- retried=false outcome=local_error");
    }

    @ParameterizedTest
    @EnumSource(AccessLogFormat.class)
    void accessTokenValuesAreRedactedInEveryFormat(AccessLogFormat format) {
        ExchangeRecord record = exchange()
                .target("/_matrix/client/v3/sync?access_token=secret&since=s1;access%5Ftoken=secret2&ACCESS_TOKEN=secret3")
                .referer("https://app.example.org/login?access_token=secret4#x")
                .build();

        String line = log(format).format(record);

        assertThat(line).doesNotContain("secret")
                .contains("access_token=[redacted]&since=s1;access%5Ftoken=[redacted]&ACCESS_TOKEN=[redacted]")
                .contains("https://app.example.org/login?access_token=[redacted]");
    }

    @Test
    void redactionLeavesOtherParametersAndTargetsWithoutQueryUntouched() {
        ExchangeRecord record = exchange().target("/_matrix/media/v3/download/x/y?allow_redirect=true&my_access_token=k").build();
        assertThat(log(AccessLogFormat.COMBINED).format(record))
                .contains("\"GET /_matrix/media/v3/download/x/y?allow_redirect=true&my_access_token=k HTTP/1.1\"");
    }

    @Test
    void jsonLineParsesAndCarriesEveryField() throws Exception {
        ExchangeRecord record = exchange()
                .target("/_matrix/client/v3/rooms/!a:b/send/m.room.message/1?access_token=secret")
                .method("PUT").bytesIn(87).userAgent("quote\" backslash\\ newline\n tab\t é")
                .retried(true).build();

        String line = log(AccessLogFormat.JSON).format(record);

        assertThat(line).doesNotContain("\n").doesNotContain("secret");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("time").asText()).isEqualTo("2023-11-14T22:13:20.123Z");
        assertThat(json.get("listener").asText()).isEqualTo("client");
        assertThat(json.get("client").asText()).isEqualTo("192.0.2.10");
        assertThat(json.get("method").asText()).isEqualTo("PUT");
        assertThat(json.get("target").asText()).isEqualTo("/_matrix/client/v3/rooms/!a:b/send/m.room.message/1?access_token=[redacted]");
        assertThat(json.get("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(json.get("host").asText()).isEqualTo("matrix.example.org");
        assertThat(json.get("status").asInt()).isEqualTo(200);
        assertThat(json.get("bytes_in").asLong()).isEqualTo(87);
        assertThat(json.get("bytes_out").asLong()).isEqualTo(512);
        assertThat(json.get("referer").isNull()).isTrue();
        assertThat(json.get("user_agent").asText()).isEqualTo("quote\" backslash\\ newline\n tab\t é");
        assertThat(json.get("route").asText()).isEqualTo("sync");
        assertThat(json.get("pool").asText()).isEqualTo("sync");
        assertThat(json.get("upstream").asText()).isEqualTo("sync-1:8083");
        assertThat(json.get("upstream_status").asInt()).isEqualTo(200);
        assertThat(json.get("request_time").asDouble()).isEqualTo(0.012);
        assertThat(json.get("upstream_time").asDouble()).isEqualTo(0.011);
        assertThat(json.get("retried").asBoolean()).isTrue();
        assertThat(json.get("outcome").asText()).isEqualTo("proxied");
    }

    @Test
    void jsonWritesNullsForAbsentUpstreamFields() throws Exception {
        JsonNode json = new ObjectMapper().readTree(log(AccessLogFormat.JSON).format(exchange().pool(null).local(503).build()));
        assertThat(json.get("pool").isNull()).isTrue();
        assertThat(json.get("upstream").isNull()).isTrue();
        assertThat(json.get("upstream_status").isNull()).isTrue();
        assertThat(json.get("upstream_time").isNull()).isTrue();
        assertThat(json.get("outcome").asText()).isEqualTo("local_error");
    }

    @Test
    void clientControlledFieldsCannotBreakOrForgeACombinedLine() {
        ExchangeRecord record = exchange()
                .target("/x\" 200 0 \"-\" \"forged\nnext")
                .userAgent("evil\"\r\n127.0.0.1 - - [fake]")
                .build();

        String line = log(AccessLogFormat.COMBINED).format(record);

        assertThat(line).doesNotContain("\n").doesNotContain("\r")
                .contains("\"GET /x\\x22\\x20200\\x200\\x20\\x22-\\x22\\x20\\x22forged\\x0Anext HTTP/1.1\"")
                .contains("\"evil\\x22\\x0D\\x0A127.0.0.1 - - [fake]\"");
    }

    @Test
    void linesGoToTheAccessLoggerAtInfo() {
        Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        CapturedLogger captured = CapturedLogger.capture(logger, appender);
        try {
            new AccessLog(AccessLogFormat.COMBINED, SECRETS).onExchange(exchange().target("/a?access_token=secret").build());
            assertThat(appender.list).hasSize(1);
            assertThat(appender.list.get(0).getLevel().toString()).isEqualTo("INFO");
            assertThat(appender.list.get(0).getFormattedMessage()).contains("/a?access_token=[redacted]").doesNotContain("secret");
        } finally {
            captured.restore();
        }
    }
}
