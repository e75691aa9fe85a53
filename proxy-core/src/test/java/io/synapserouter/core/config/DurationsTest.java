package io.synapserouter.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
            "0,         0",
            "250ms,     250",
            "2s,        2000",
            "5m,        300000",
            "1h,        3600000",
            "1d,        86400000",
            "180s,      180000",
            "1h30m,     5400000",
            "1m500ms,   60500",
            "' 10s ',   10000",
    })
    void readsEveryUnitAndCombinations(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", "s", "1", "30", "1.5s", "-1s", "2 s", "2S", "2sec", "1w", "ms", "1h 30m", "99999999999999999999s"})
    void refusesWhatIsNotAWholeNumberWithAUnit(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void aBareNumberIsToldToAddAUnit() {
        assertThatThrownBy(() -> Durations.parse("30")).hasMessageContaining("needs a unit").hasMessageContaining("30s");
    }

    @ParameterizedTest(name = "{0} ms formats as {1}")
    @CsvSource({"0, 0", "250, 250ms", "2000, 2s", "180000, 3m", "3600000, 1h", "86400000, 1d", "5400000, 90m", "1500, 1500ms"})
    void formatsTheShortestExactSpellingThatReadsBack(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
