package io.synapserouter.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.synapserouter.core.balance.Balancing;
import io.synapserouter.core.client.NettyHttpFetcher;
import io.synapserouter.core.config.HealthCheckSettings;
import io.synapserouter.core.upstream.Endpoint;
import io.synapserouter.core.upstream.UpstreamPool;
import io.synapserouter.standin.StandinProcess;
import io.synapserouter.standin.SynapseStandin;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HealthCheckerTest {

    /** Generous: "must happen" waits on a loaded 2-core machine. */
    private static final long WAIT_MS = 10_000;

    private EventLoopGroup loops;
    private NettyHttpFetcher fetcher;
    private SynapseStandin synapse;
    private HealthChecker checker;
    private final List<Change> changes = new CopyOnWriteArrayList<>();

    record Change(Endpoint endpoint, boolean available, HealthReason reason, long requestsSeen, Thread thread, long atNanos) {
    }

    @BeforeEach
    void setUp() {
        loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        fetcher = new NettyHttpFetcher(loops, NioSocketChannel.class);
        synapse = new SynapseStandin();
    }

    @AfterEach
    void tearDown() {
        if (checker != null) {
            checker.stop();
        }
        synapse.close();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void anEndpointAnswering503GoesOutAfterFallChecksAndComesBackAfterRisePasses() throws Exception {
        List<StandinProcess> workers = synapse.workers("sync", 2);
        UpstreamPool pool = pool("sync", workers);
        Endpoint sick = pool.endpoints().get(0);
        checker = start(List.of(pool), settings(50, 2_000, 2, 3), workers.get(0));

        settle(pool, workers.get(0), 3); // healthy checks have run: the process has been seen
        long before = workers.get(0).requests();
        workers.get(0).healthy(false);
        Change out = await(c -> c.endpoint() == sick && !c.available());
        long failedChecks = out.requestsSeen() - before;
        System.out.printf("health: out after %d checks answered 503 (fall 3)%n", failedChecks);
        assertThat(out.reason()).isEqualTo(HealthReason.ACTIVE_FAIL);
        assertThat(failedChecks).isBetween(2L, 4L);
        assertThat(sick.available()).isFalse();
        assertThat(pool.select("anyone", null)).isSameAs(pool.endpoints().get(1));

        long beforeRecovery = workers.get(0).requests();
        workers.get(0).healthy(true);
        Change back = await(c -> c.endpoint() == sick && c.available());
        long passedChecks = back.requestsSeen() - beforeRecovery;
        System.out.printf("health: back after %d checks passed (rise 2)%n", passedChecks);
        assertThat(back.reason()).isEqualTo(HealthReason.RECOVERED);
        assertThat(passedChecks).isBetween(1L, 3L);
        assertThat(sick.available()).isTrue();
        assertThat(changes).extracting(Change::endpoint).containsOnly(sick);
        assertThat(pool.endpoints().get(1).available()).isTrue();
    }

    @Test
    void aStoppedProcessGoesOutWhileItsNeighbourStaysIn() throws Exception {
        List<StandinProcess> workers = synapse.workers("room", 2);
        UpstreamPool pool = pool("room", workers);
        checker = start(List.of(pool), settings(50, 2_000, 2, 3), workers.get(1));
        settle(pool, workers.get(1), 3);

        synapse.stop("room-2");
        Change out = await(c -> !c.available());
        assertThat(out.endpoint()).isSameAs(pool.endpoints().get(1));
        assertThat(out.reason()).isEqualTo(HealthReason.ACTIVE_FAIL);
        assertThat(pool.endpoints().get(0).available()).isTrue();
        assertThat(changes).hasSize(1);
    }

    @Test
    void aBackendThatNeverAnswersFailsByTimeout() throws Exception {
        // accepted by the kernel's backlog, never read, never answered
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Endpoint endpoint = new Endpoint("media", "127.0.0.1", silent.getLocalPort());
            endpoint.address(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()));
            UpstreamPool pool = new UpstreamPool("media", List.of(endpoint), Balancing.ROUND_ROBIN);
            long started = System.nanoTime();
            checker = start(List.of(pool), settings(50, 300, 2, 3), null);
            Change out = await(c -> !c.available());
            long tookMs = TimeUnit.NANOSECONDS.toMillis(out.atNanos() - started);
            System.out.printf("health: silent backend out after %d ms (timeout 300 ms)%n", tookMs);
            assertThat(out.reason()).isEqualTo(HealthReason.ACTIVE_FAIL);
            assertThat(tookMs).isGreaterThanOrEqualTo(250);
            assertThat(endpoint.available()).isFalse();
        }
    }

    @Test
    void aFailingFirstCheckTakesTheEndpointOutWithoutWaitingForFallChecks() throws Exception {
        List<StandinProcess> workers = synapse.workers("client_reader", 2);
        UpstreamPool pool = pool("client_reader", workers);
        synapse.stop("client_reader-2");
        long started = System.nanoTime();
        // with fall 3 and a 3 s interval, waiting for fall failures would take 6 s
        checker = start(List.of(pool), settings(3_000, 2_000, 2, 3), null);
        Change out = await(c -> !c.available());
        long tookMs = TimeUnit.NANOSECONDS.toMillis(out.atNanos() - started);
        System.out.printf("health: refusing endpoint out %d ms after start%n", tookMs);
        assertThat(out.endpoint()).isSameAs(pool.endpoints().get(1));
        assertThat(tookMs).isLessThan(3_000);
        assertThat(pool.endpoints().get(0).available()).isTrue();
    }

    @Test
    void aRefusedConnectionEjectsAtOnceAndOnePassingCheckRestores() throws Exception {
        List<StandinProcess> workers = synapse.workers("sync", 2);
        UpstreamPool pool = pool("sync", workers);
        Endpoint endpoint = pool.endpoints().get(0);
        // rise 5: a recovery after one pass shows the passive rule, not the rise rule
        checker = start(List.of(pool), settings(200, 2_000, 5, 3), workers.get(0));
        settle(pool, workers.get(0), 2);
        ListAppender<ILoggingEvent> logs = captureLogs();
        try {
            long before = workers.get(0).requests();
            // the engine reports on an event loop
            EventExecutor engineLoop = loops.next();
            boolean outAtOnce = engineLoop.submit(() -> {
                checker.onFailure(endpoint, new ConnectException("Connection refused"));
                return !endpoint.available() && pool.select("anyone", null) != endpoint;
            }).get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(outAtOnce).as("unavailable as soon as onFailure returns").isTrue();

            Change ejected = await(c -> !c.available());
            assertThat(ejected.reason()).isEqualTo(HealthReason.PASSIVE_EJECT);
            Change back = await(c -> c.available());
            long checks = back.requestsSeen() - before;
            System.out.printf("health: ejected endpoint back after %d check(s) (rise 5)%n", checks);
            assertThat(back.reason()).isEqualTo(HealthReason.RECOVERED);
            // one passing check after the ejection; one or two more only when a check was in flight at
            // the ejection (its result is ignored) or a slow machine let one run before it
            assertThat(checks).isBetween(1L, 3L);
            assertThat(logs.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains(endpoint.id()).contains("Connection refused");
            });
            assertThat(logs.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.INFO);
                assertThat(e.getFormattedMessage()).contains(endpoint.id()).contains("back in rotation");
            });
        } finally {
            releaseLogs(logs);
        }
    }

    @Test
    void oneProcessInTwoPoolsIsCheckedOnceAndEjectedFromBoth() throws Exception {
        StandinProcess main = synapse.main();
        UpstreamPool client = pool("main_client", List.of(main));
        UpstreamPool fallback = pool("sync_fallback", List.of(main));
        checker = start(List.of(client, fallback), settings(100, 2_000, 2, 3), main);
        settle(client, main, 1);
        long before = main.requests();
        Thread.sleep(1_000);
        long checks = main.requests() - before;
        // one probe every 100 ms: ~10 checks in a second, not ~20
        System.out.printf("health: %d checks in ~1 s at a 100 ms interval for one process in two pools%n", checks);
        assertThat(checks).isBetween(4L, 15L);

        checker.onFailure(client.endpoints().get(0), new ConnectException("Connection refused"));
        assertThat(client.endpoints().get(0).available()).isFalse();
        assertThat(fallback.endpoints().get(0).available()).isFalse();
        await(c -> c.endpoint() == fallback.endpoints().get(0) && c.reason() == HealthReason.RECOVERED);
        await(c -> c.endpoint() == client.endpoints().get(0) && c.reason() == HealthReason.RECOVERED);
    }

    @Test
    void changesAreReportedOnAnEventLoopAndStopEndsTheChecks() throws Exception {
        List<StandinProcess> workers = synapse.workers("media", 1);
        UpstreamPool pool = pool("media", workers);
        checker = start(List.of(pool), settings(50, 2_000, 1, 1), workers.get(0));
        settle(pool, workers.get(0), 2);
        workers.get(0).healthy(false);
        Change out = await(c -> !c.available());
        boolean onLoop = false;
        for (EventExecutor loop : loops) {
            onLoop |= loop.inEventLoop(out.thread());
        }
        assertThat(onLoop).as("listener thread %s is one of the event loops", out.thread().getName()).isTrue();

        checker.stop();
        Thread.sleep(200); // a check in flight at stop may still land
        long afterStop = workers.get(0).requests();
        Thread.sleep(500);
        assertThat(workers.get(0).requests()).isEqualTo(afterStop);
        // passive failures are ignored once checks have stopped: nothing would bring the endpoint back
        workers.get(0).healthy(true);
        Endpoint endpoint = pool.endpoints().get(0);
        endpoint.available(true);
        checker.onFailure(endpoint, new ConnectException("Connection refused"));
        assertThat(endpoint.available()).isTrue();
    }

    private HealthChecker start(List<UpstreamPool> pools, HealthCheckSettings settings, StandinProcess counted) {
        HealthChecker started = new HealthChecker(pools, settings, fetcher, loops, (endpoint, available, reason) ->
                changes.add(new Change(endpoint, available, reason, counted == null ? 0 : counted.requests(),
                        Thread.currentThread(), System.nanoTime())));
        started.start();
        return started;
    }

    private static HealthCheckSettings settings(long intervalMs, long timeoutMs, int rise, int fall) {
        return new HealthCheckSettings(Duration.ofMillis(intervalMs), Duration.ofMillis(timeoutMs), rise, fall, "/health");
    }

    private static UpstreamPool pool(String name, List<StandinProcess> processes) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (StandinProcess process : processes) {
            Endpoint endpoint = new Endpoint(name, "127.0.0.1", process.address().getPort());
            endpoint.address(process.address());
            endpoints.add(endpoint);
        }
        return new UpstreamPool(name, endpoints, Balancing.CONSISTENT_HASH);
    }

    private Change await(Predicate<Change> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (System.nanoTime() < deadline) {
            for (Change change : changes) {
                if (wanted.test(change)) {
                    return change;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no such health change within " + WAIT_MS + " ms; saw " + changes);
    }

    /**
     * Waits until {@code process} has answered {@code checks} checks and every endpoint of the pool is
     * in rotation, then forgets the changes so far: a first check that was slow on a loaded machine
     * may have taken an endpoint out and back, which is not what the test is about.
     */
    private void settle(UpstreamPool pool, StandinProcess process, long checks) throws InterruptedException {
        awaitRequests(process, checks);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!pool.endpoints().stream().allMatch(Endpoint::available)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("endpoints not all available: " + changes);
            }
            Thread.sleep(5);
        }
        changes.clear();
    }

    private static void awaitRequests(StandinProcess process, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (process.requests() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(process.name() + " saw " + process.requests() + " checks, expected " + count);
            }
            Thread.sleep(5);
        }
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        Logger logger = (Logger) LoggerFactory.getLogger(HealthChecker.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

    private static void releaseLogs(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(HealthChecker.class)).detachAppender(appender);
        appender.stop();
    }
}
