package io.synapserouter.routing.identity;

import static io.synapserouter.routing.identity.WhoamiFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.synapserouter.standin.TokenDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every log line written while identity does its work, at DEBUG, searched for every token used. */
class TokensInLogsTest {

    private final WhoamiFixture fixture = new WhoamiFixture();
    private final Random random = new Random(11);
    private final List<String> tokens = new ArrayList<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        previousLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void restoreLogs() {
        root.detachAppender(appender);
        appender.stop();
        root.setLevel(previousLevel);
        fixture.close();
    }

    @Test
    void noTokenAppearsInAnyLogLine() throws Exception {
        WhoamiResolver resolver = fixture.resolver(fixture.settings(Duration.ofMillis(200), 2, Duration.ofMillis(500)));

        String good = token(TestTokens.mas(random));
        fixture.tokens().put(good, "@alice:example.org");
        await(resolver.userKey(Requests.withBearer(good)));
        String viaQuery = token(TestTokens.syt("bob", random));
        fixture.tokens().put(viaQuery, "@bob:example.org");
        await(resolver.userKey(Requests.withQueryToken(viaQuery)));
        String appservice = token("as_" + TestTokens.mas(random));
        fixture.tokens().put(appservice, "@bridge:example.org");
        await(resolver.userKey(Requests.head("/_matrix/client/v3/sync?user_id=%40ghost%3Aexample.org", "192.0.2.3", "bridge",
                "Authorization", "Bearer " + appservice)));
        await(resolver.userKey(Requests.withBearer(token(TestTokens.mas(random))))); // rejected
        await(resolver.userKey(Requests.head(Requests.SYNC, "192.0.2.3", null,
                "Authorization", "Bearer " + token(TestTokens.mas(random)), "Authorization", "Bearer " + token(TestTokens.mas(random)))));

        fixture.tokens().mode(TokenDirectory.Mode.HANG);
        await(resolver.userKey(Requests.withBearer(token(TestTokens.syt("carol", random)))));
        fixture.tokens().mode(TokenDirectory.Mode.FAIL_500);
        await(resolver.userKey(Requests.withBearer(token(TestTokens.mas(random))))); // opens the breaker
        await(resolver.userKey(Requests.withBearer(token(TestTokens.mas(random))))); // breaker open
        fixture.tokens().mode(TokenDirectory.Mode.GARBAGE);
        Thread.sleep(600);
        await(resolver.userKey(Requests.withBearer(token(TestTokens.mas(random))))); // failed probe
        fixture.tokens().mode(TokenDirectory.Mode.NORMAL);
        Thread.sleep(600);
        String recovered = token(TestTokens.mas(random));
        fixture.tokens().put(recovered, "@dave:example.org");
        await(resolver.userKey(Requests.withBearer(recovered))); // probe closes the breaker

        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            lines.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage());
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                lines.add(ThrowableProxyUtil.asString(thrown));
            }
        }
        for (String line : lines) {
            for (String token : tokens) {
                assertThat(line).as("a log line holds a token").doesNotContain(token);
            }
        }
        assertThat(lines).as("the capture worked: lookups were logged at DEBUG")
                .anyMatch(l -> l.startsWith("DEBUG " + WhoamiResolver.class.getName()) && l.contains("whoami ok"))
                .anyMatch(l -> l.startsWith("DEBUG " + WhoamiResolver.class.getName()) && l.contains("whoami unauthorized"))
                .anyMatch(l -> l.startsWith("DEBUG " + WhoamiResolver.class.getName()) && l.contains("whoami timeout"))
                .anyMatch(l -> l.startsWith("WARN " + WhoamiResolver.class.getName()))
                .anyMatch(l -> l.startsWith("INFO " + WhoamiResolver.class.getName()));
        System.out.printf("searched %d log lines for %d tokens: none found%n", lines.size(), tokens.size());
    }

    private String token(String token) {
        tokens.add(token);
        return token;
    }
}
