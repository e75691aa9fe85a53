package io.synapserouter.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EndpointResolverTest {

    private static final long WAIT_MS = 10_000;

    private final FakeDns dns = new FakeDns();
    private EndpointResolver resolver;

    @AfterEach
    void tearDown() {
        if (resolver != null) {
            resolver.stop();
        }
    }

    @Test
    void literalAddressesAreTakenAsTheyAreWithoutALookup() throws Exception {
        Endpoint v4 = new Endpoint("sync", "127.0.0.1", 8008);
        Endpoint v6 = new Endpoint("sync", "::1", 8009);
        Endpoint other = new Endpoint("sync", "10.1.2.3", 80);
        resolver = new EndpointResolver(List.of(v4, v6, other), Duration.ofMillis(50), dns);
        resolver.start();
        assertThat(v4.address()).isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8008));
        assertThat(v6.address()).isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 8009));
        assertThat(other.address().isUnresolved()).isFalse();
        assertThat(other.address().getAddress().getHostAddress()).isEqualTo("10.1.2.3");
        Thread.sleep(300);
        assertThat(dns.lookups).isEmpty();
    }

    @Test
    void namesAreResolvedOnTheCallingThreadBeforeStartReturns() {
        dns.put("matrix-synapse-worker-sync-1", "10.0.0.5");
        Endpoint endpoint = new Endpoint("sync", "matrix-synapse-worker-sync-1", 8083);
        assertThat(endpoint.address().isUnresolved()).isTrue();
        resolver = new EndpointResolver(List.of(endpoint), Duration.ofSeconds(5), dns);
        resolver.start();
        assertThat(endpoint.address().isUnresolved()).isFalse();
        assertThat(endpoint.address().getAddress().getHostAddress()).isEqualTo("10.0.0.5");
        assertThat(endpoint.address().getPort()).isEqualTo(8083);
        assertThat(dns.lookupThreads).first().isSameAs(Thread.currentThread());
    }

    @Test
    void aNewAddressForTheSameNameIsPickedUpWithinTheInterval() throws Exception {
        dns.put("matrix-synapse-worker-sync-1", "172.18.0.7");
        Endpoint endpoint = new Endpoint("sync", "matrix-synapse-worker-sync-1", 8083);
        resolver = new EndpointResolver(List.of(endpoint), Duration.ofMillis(200), dns);
        resolver.start();
        Thread.sleep(100);

        // the container was restarted and Docker gave it a new address
        long changed = System.nanoTime();
        dns.put("matrix-synapse-worker-sync-1", "172.18.0.12");
        await(() -> endpoint.address().getAddress().getHostAddress().equals("172.18.0.12"));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changed);
        System.out.printf("resolver: new address picked up after %d ms (interval 200 ms)%n", tookMs);
        assertThat(tookMs).isLessThan(200 + 2_000);
        assertThat(endpoint.address().getPort()).isEqualTo(8083);

        long before = dns.lookups.size();
        Thread.sleep(1_000);
        long perSecond = dns.lookups.size() - before;
        System.out.printf("resolver: %d lookups in 1 s at a 200 ms interval%n", perSecond);
        assertThat(perSecond).isBetween(2L, 6L);
    }

    @Test
    void aFailedLookupKeepsTheLastGoodAddressAndWarnsOnlyOnce() throws Exception {
        dns.put("matrix-synapse-worker-room-1", "172.18.0.9");
        Endpoint endpoint = new Endpoint("room", "matrix-synapse-worker-room-1", 8083);
        resolver = new EndpointResolver(List.of(endpoint), Duration.ofMillis(30), dns);
        ListAppender<ILoggingEvent> logs = captureLogs();
        try {
            resolver.start();
            dns.remove("matrix-synapse-worker-room-1");
            long before = dns.lookupsOf("matrix-synapse-worker-room-1");
            await(() -> dns.lookupsOf("matrix-synapse-worker-room-1") >= before + 8);
            assertThat(endpoint.address().getAddress().getHostAddress()).isEqualTo("172.18.0.9");
            assertThat(warnings(logs)).hasSize(1).first().asString()
                    .contains("matrix-synapse-worker-room-1").contains("keeping 172.18.0.9");

            dns.put("matrix-synapse-worker-room-1", "172.18.0.10");
            await(() -> endpoint.address().getAddress().getHostAddress().equals("172.18.0.10"));
            assertThat(warnings(logs)).hasSize(1);
            assertThat(infos(logs)).anySatisfy(line -> assertThat(line).contains("now resolves to 172.18.0.10 (was 172.18.0.9)"));
        } finally {
            releaseLogs(logs);
        }
    }

    @Test
    void aNameThatNeverResolvedStaysUnresolvedUntilItDoes() throws Exception {
        Endpoint endpoint = new Endpoint("media", "matrix-synapse-worker-media-1", 8083);
        resolver = new EndpointResolver(List.of(endpoint), Duration.ofMillis(50), dns);
        resolver.start();
        assertThat(endpoint.address().isUnresolved()).isTrue();
        await(() -> dns.lookups.size() >= 3);
        assertThat(endpoint.address().isUnresolved()).isTrue();

        dns.put("matrix-synapse-worker-media-1", "172.18.0.20");
        await(() -> !endpoint.address().isUnresolved());
        assertThat(endpoint.address().getAddress().getHostAddress()).isEqualTo("172.18.0.20");
    }

    @Test
    void endpointsSharingAHostNameAreLookedUpOnceARound() {
        dns.put("matrix-synapse", "172.18.0.2");
        Endpoint client = new Endpoint("main_client", "matrix-synapse", 8008);
        Endpoint federation = new Endpoint("main_federation", "matrix-synapse", 8048);
        resolver = new EndpointResolver(List.of(client, federation), Duration.ofSeconds(5), dns);
        resolver.start();
        assertThat(dns.lookups).containsExactly("matrix-synapse");
        assertThat(client.address().getAddress().getHostAddress()).isEqualTo("172.18.0.2");
        assertThat(federation.address().getAddress().getHostAddress()).isEqualTo("172.18.0.2");
        assertThat(federation.address().getPort()).isEqualTo(8048);
    }

    @Test
    void reResolutionRunsOnItsOwnDaemonThreadAndNeverOnAnEventLoop() throws Exception {
        EventLoopGroup engineLoops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            dns.put("matrix-synapse-worker-sync-1", "172.18.0.7");
            Endpoint endpoint = new Endpoint("sync", "matrix-synapse-worker-sync-1", 8083);
            resolver = new EndpointResolver(List.of(endpoint), Duration.ofMillis(30), dns);
            resolver.start();
            await(() -> dns.lookupThreads.size() >= 5);
            List<Thread> background = dns.lookupThreads.subList(1, dns.lookupThreads.size());
            for (Thread thread : background) {
                assertThat(thread.getName()).isEqualTo("synapse-router-resolver");
                assertThat(thread.isDaemon()).isTrue();
                assertThat(thread).isNotInstanceOf(FastThreadLocalThread.class);
                for (EventExecutor loop : engineLoops) {
                    assertThat(loop.inEventLoop(thread)).isFalse();
                }
            }
        } finally {
            engineLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void stopEndsReResolutionAndItsThread() throws Exception {
        dns.put("matrix-synapse-worker-sync-1", "172.18.0.7");
        Endpoint endpoint = new Endpoint("sync", "matrix-synapse-worker-sync-1", 8083);
        resolver = new EndpointResolver(List.of(endpoint), Duration.ofMillis(20), dns);
        resolver.start();
        await(() -> dns.lookups.size() >= 3);
        resolver.stop();
        await(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("synapse-router-resolver")));
        int after = dns.lookups.size();
        Thread.sleep(200);
        assertThat(dns.lookups).hasSize(after);
    }

    @Test
    void cappingTheJdkCacheMakesTheJvmCacheLookupsForOneSecondAtMost() throws Exception {
        String uncapped = probeJdkCache(false);
        String capped = probeJdkCache(true);
        System.out.println("resolver: JDK cache policy (positive negative, s): default " + uncapped + ", capped " + capped);
        assertThat(capped).isEqualTo("1 1");
        assertThat(uncapped).isNotEqualTo(capped);
    }

    private static String probeJdkCache(boolean cap) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-XX:TieredStopAtLevel=1",
                "--add-exports", "java.base/sun.net=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                JdkCacheProbeMain.class.getName()));
        if (cap) {
            command.add("cap");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(l -> l.startsWith("policy ")).map(l -> l.substring(7)).findFirst()
                .orElseThrow(() -> new AssertionError("no policy line in: " + output));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT_MS + " ms");
            }
            Thread.sleep(5);
        }
    }

    private static List<String> warnings(ListAppender<ILoggingEvent> logs) {
        return snapshot(logs).stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static List<String> infos(ListAppender<ILoggingEvent> logs) {
        return snapshot(logs).stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static List<ILoggingEvent> snapshot(ListAppender<ILoggingEvent> logs) {
        synchronized (logs) { // the appender appends under its own lock
            return List.copyOf(logs.list);
        }
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        Logger logger = (Logger) LoggerFactory.getLogger(EndpointResolver.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

    private static void releaseLogs(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(EndpointResolver.class)).detachAppender(appender);
        appender.stop();
    }
}
