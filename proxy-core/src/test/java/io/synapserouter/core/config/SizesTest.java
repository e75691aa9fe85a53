package io.synapserouter.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "0,       0",
            "512,     512",
            "512B,    512",
            "16K,     16384",
            "16k,     16384",
            "16KiB,   16384",
            "16KB,    16384",
            "8K,      8192",
            "50M,     52428800",
            "50MiB,   52428800",
            "50mb,    52428800",
            "150M,    157286400",
            "1G,      1073741824",
            "1GiB,    1073741824",
            "' 2M ',  2097152",
    })
    void readsBytesAndBinaryMultiples(String text, long bytes) {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", "K", "1.5M", "-1", "50X", "50iB", "1T", "fifty", "9223372036854775807K", "99999999999999999999"})
    void refusesWhatIsNotASize(String text) {
        assertThatThrownBy(() -> Sizes.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest(name = "{0} bytes formats as {1}")
    @CsvSource({"0, 0", "512, 512", "16384, 16K", "52428800, 50M", "1073741824, 1G", "1536, 1536", "1049600, 1025K"})
    void formatsTheShortestExactSpellingThatReadsBack(long bytes, String text) {
        assertThat(Sizes.format(bytes)).isEqualTo(text);
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }
}
