package io.synapserouter.core.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.core.health.HealthReason;
import org.junit.jupiter.api.Test;

class HealthStateTest {

    @Test
    void startsAvailableAndStaysSoWhileChecksPass() {
        HealthState state = new HealthState(2, 3);
        assertThat(state.available()).isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(state.onCheck(state.epoch(), true)).isNull();
        }
        assertThat(state.available()).isTrue();
    }

    @Test
    void aFailingFirstCheckTakesTheEndpointOutAtOnceAndOnePassBringsItBack() {
        HealthState state = new HealthState(3, 3);
        assertThat(state.onCheck(state.epoch(), false)).isEqualTo(HealthReason.ACTIVE_FAIL);
        assertThat(state.available()).isFalse();
        assertThat(state.onCheck(state.epoch(), false)).isNull();
        assertThat(state.onCheck(state.epoch(), true)).isEqualTo(HealthReason.RECOVERED);
        assertThat(state.available()).isTrue();
    }

    @Test
    void aFailingFirstCheckFollowedByFallFailuresNeedsRisePasses() {
        HealthState state = new HealthState(2, 3);
        assertThat(state.onCheck(state.epoch(), false)).isEqualTo(HealthReason.ACTIVE_FAIL);
        for (int i = 0; i < 3; i++) {
            assertThat(state.onCheck(state.epoch(), false)).isNull();
        }
        assertThat(state.onCheck(state.epoch(), true)).isNull();
        assertThat(state.onCheck(state.epoch(), true)).isEqualTo(HealthReason.RECOVERED);
    }

    @Test
    void fallConsecutiveFailuresTakeItOutAndRiseConsecutivePassesBringItBack() {
        HealthState state = new HealthState(2, 3);
        state.onCheck(state.epoch(), true);
        assertThat(state.onCheck(state.epoch(), false)).isNull();
        assertThat(state.onCheck(state.epoch(), false)).isNull();
        assertThat(state.onCheck(state.epoch(), true)).isNull(); // a pass breaks the run
        assertThat(state.onCheck(state.epoch(), false)).isNull();
        assertThat(state.onCheck(state.epoch(), false)).isNull();
        assertThat(state.available()).isTrue();
        assertThat(state.onCheck(state.epoch(), false)).isEqualTo(HealthReason.ACTIVE_FAIL);
        assertThat(state.available()).isFalse();
        assertThat(state.onCheck(state.epoch(), true)).isNull();
        assertThat(state.onCheck(state.epoch(), false)).isNull(); // a failure breaks the run
        assertThat(state.onCheck(state.epoch(), true)).isNull();
        assertThat(state.onCheck(state.epoch(), true)).isEqualTo(HealthReason.RECOVERED);
    }

    @Test
    void aPassiveFailureEjectsAtOnceAndOnePassingCheckRestores() {
        HealthState state = new HealthState(3, 3);
        state.onCheck(state.epoch(), true);
        assertThat(state.onPassiveFailure()).isEqualTo(HealthReason.PASSIVE_EJECT);
        assertThat(state.available()).isFalse();
        assertThat(state.onPassiveFailure()).isNull();
        assertThat(state.onCheck(state.epoch(), true)).isEqualTo(HealthReason.RECOVERED);
    }

    @Test
    void aCheckBegunBeforeAPassiveFailureIsIgnored() {
        HealthState state = new HealthState(2, 3);
        state.onCheck(state.epoch(), true);
        long inFlight = state.epoch();
        state.onPassiveFailure();
        assertThat(state.onCheck(inFlight, true)).isNull();
        assertThat(state.available()).isFalse();
        assertThat(state.onCheck(state.epoch(), true)).isEqualTo(HealthReason.RECOVERED);
    }

    @Test
    void anEjectedEndpointThatThenFailsFallChecksNeedsRisePasses() {
        HealthState state = new HealthState(2, 3);
        state.onCheck(state.epoch(), true);
        state.onPassiveFailure();
        for (int i = 0; i < 3; i++) {
            assertThat(state.onCheck(state.epoch(), false)).isNull();
        }
        assertThat(state.onCheck(state.epoch(), true)).isNull();
        assertThat(state.onCheck(state.epoch(), true)).isEqualTo(HealthReason.RECOVERED);
    }

    @Test
    void aPassiveFailureOfAnActivelyFailedEndpointRestartsItsRise() {
        HealthState state = new HealthState(2, 1);
        state.onCheck(state.epoch(), true);
        assertThat(state.onCheck(state.epoch(), false)).isEqualTo(HealthReason.ACTIVE_FAIL);
        assertThat(state.onCheck(state.epoch(), true)).isNull();
        assertThat(state.onPassiveFailure()).isNull();
        assertThat(state.onCheck(state.epoch(), true)).isNull();
        assertThat(state.onCheck(state.epoch(), true)).isEqualTo(HealthReason.RECOVERED);
    }
}
