package io.synapserouter.routing.identity.internal;

import static io.synapserouter.routing.identity.internal.CircuitBreaker.Permit.CALL;
import static io.synapserouter.routing.identity.internal.CircuitBreaker.Permit.DENIED;
import static io.synapserouter.routing.identity.internal.CircuitBreaker.Permit.PROBE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private long now = 1_000;
    private final List<String> events = new ArrayList<>();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), () -> now, new CircuitBreaker.Listener() {
        @Override
        public void opened(int consecutiveFailures) {
            events.add("opened after " + consecutiveFailures);
        }

        @Override
        public void closed() {
            events.add("closed");
        }
    });

    @Test
    void opensAfterTheThresholdOfConsecutiveFailures() {
        fail(2);
        assertThat(breaker.tryAcquire()).isEqualTo(CALL);
        fail(1);

        assertThat(breaker.tryAcquire()).isEqualTo(DENIED);
        assertThat(events).containsExactly("opened after 3");
    }

    @Test
    void successResetsTheCount() {
        fail(2);
        breaker.success();
        fail(2);

        assertThat(breaker.tryAcquire()).isEqualTo(CALL);
        assertThat(breaker.isClosed()).isTrue();
    }

    @Test
    void letsExactlyOneProbeThroughAfterTheOpenInterval() {
        fail(3);
        advance(9_999);
        assertThat(breaker.tryAcquire()).isEqualTo(DENIED);
        advance(1);

        assertThat(breaker.tryAcquire()).isEqualTo(PROBE);
        assertThat(breaker.tryAcquire()).isEqualTo(DENIED);
        assertThat(breaker.isRefusing()).isTrue();
    }

    @Test
    void probeSuccessClosesTheBreaker() {
        fail(3);
        advance(10_000);
        assertThat(breaker.tryAcquire()).isEqualTo(PROBE);
        breaker.success();

        assertThat(breaker.tryAcquire()).isEqualTo(CALL);
        assertThat(events).containsExactly("opened after 3", "closed");
    }

    @Test
    void probeFailureOpensItForAnotherInterval() {
        fail(3);
        advance(10_000);
        assertThat(breaker.tryAcquire()).isEqualTo(PROBE);
        breaker.failure(PROBE);

        assertThat(breaker.tryAcquire()).isEqualTo(DENIED);
        advance(9_999);
        assertThat(breaker.tryAcquire()).isEqualTo(DENIED);
        advance(1);
        assertThat(breaker.tryAcquire()).isEqualTo(PROBE);
        assertThat(events).containsExactly("opened after 3");
    }

    @Test
    void unusedProbeIsHandedBackSoTheNextCallerProbes() {
        fail(3);
        advance(10_000);
        assertThat(breaker.tryAcquire()).isEqualTo(PROBE);
        breaker.release(PROBE);

        assertThat(breaker.tryAcquire()).isEqualTo(PROBE);
    }

    @Test
    void releasingAnOrdinaryPermitChangesNothing() {
        breaker.release(CALL);
        fail(2);
        breaker.release(CALL);
        fail(1);

        assertThat(breaker.tryAcquire()).isEqualTo(DENIED);
    }

    @Test
    void stragglerFailuresWhileOpenDoNotExtendTheInterval() {
        fail(3);
        advance(5_000);
        breaker.failure(CALL);
        advance(5_000);

        assertThat(breaker.tryAcquire()).isEqualTo(PROBE);
    }

    @Test
    void stragglerSuccessWhileOpenClosesTheBreaker() {
        fail(3);
        breaker.success();

        assertThat(breaker.tryAcquire()).isEqualTo(CALL);
        assertThat(events).containsExactly("opened after 3", "closed");
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            breaker.failure(breaker.tryAcquire());
        }
    }

    private void advance(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
