package io.synapserouter.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapserouter.core.balance.Balancing;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigNodeTest {

    /** The single value of {@code key: <yaml>} on line 1, column 6. */
    private static ConfigNode value(String yaml) {
        return YamlConfigReader.read("key: " + yaml + "\n", "t.yaml", Map.of()).get("key");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource(delimiter = '|', value = {
            "{ a: 1 }          | list    | t.yaml:1:6: key: expected a list, found a map",
            "[a, b]            | map     | t.yaml:1:6: key: expected a map of keys, found a list",
            "abc               | int     | t.yaml:1:6: key: expected a whole number, found text 'abc'",
            "1.5               | int     | t.yaml:1:6: key: expected a whole number, found the number 1.5",
            "[1]               | int     | t.yaml:1:6: key: expected a whole number, found a list",
            "~                 | text    | t.yaml:1:6: key: expected a value, found nothing (null)",
            "maybe             | boolean | t.yaml:1:6: key: expected true or false, found text 'maybe'",
            "{ a: 1 }          | text    | t.yaml:1:6: key: expected text, found a map",
    })
    void aWrongTypeNamesWhatWasExpectedAndWhatWasFound(String yaml, String type, String message) {
        ConfigNode node = value(yaml);
        assertThatThrownBy(() -> {
            switch (type) {
                case "list" -> node.asList();
                case "map" -> node.asMap();
                case "int" -> node.asInt(0, 10);
                case "boolean" -> node.asBoolean();
                default -> node.asText();
            }
        }).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void numbersAreCheckedAgainstTheirRange() {
        assertThat(value("3").asInt(1, 10)).isEqualTo(3);
        assertThatThrownBy(() -> value("0").asInt(1, Integer.MAX_VALUE)).hasMessage("t.yaml:1:6: key: must be at least 1, found 0");
        assertThatThrownBy(() -> value("5000").asInt(0, 1024)).hasMessage("t.yaml:1:6: key: must be between 0 and 1024, found 5000");
        assertThatThrownBy(() -> value("4G").asSize(1, Integer.MAX_VALUE))
                .hasMessage("t.yaml:1:6: key: must be between 1 and 2147483647, found 4G");
    }

    @Test
    void booleansAcceptYamlSpellings() {
        assertThat(value("true").asBoolean()).isTrue();
        assertThat(value("yes").asBoolean()).isTrue();
        assertThat(value("\"false\"").asBoolean()).isFalse();
        assertThat(value("off").asBoolean()).isFalse();
    }

    @Test
    void durationsAndSizesCarryTheirLocationIntoErrors() {
        assertThat(value("2s").asPositiveDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(value("50M").asSize(1, Long.MAX_VALUE)).isEqualTo(50L << 20);
        assertThatThrownBy(() -> value("2").asDuration()).hasMessageStartingWith("t.yaml:1:6: key: '2' needs a unit");
        assertThatThrownBy(() -> value("0s").asPositiveDuration()).hasMessage("t.yaml:1:6: key: must be greater than 0");
        assertThatThrownBy(() -> value("50Q").asSize(1, Long.MAX_VALUE)).hasMessageStartingWith("t.yaml:1:6: key: '50Q' is not a size");
        assertThatThrownBy(() -> value("0").asSize(1, Long.MAX_VALUE)).hasMessage("t.yaml:1:6: key: must be at least 1, found 0");
    }

    @Test
    void addressesCidrsRegexesAndUrlsAreValidated() {
        assertThat(value("\"[::1]:8008\"").asHostPort()).isEqualTo(new HostPort("::1", 8008));
        assertThatThrownBy(() -> value("synapse").asHostPort()).hasMessage("t.yaml:1:6: key: 'synapse' is not host:port");
        assertThatThrownBy(() -> value("\"synapse:80a\"").asHostPort()).hasMessageContaining("port that is not a number");
        assertThat(value("10.0.0.0/8").asCidr().toString()).isEqualTo("10.0.0.0/8");
        assertThatThrownBy(() -> value("10.0.0.0/33").asCidr()).hasMessageStartingWith("t.yaml:1:6: key: '10.0.0.0/33' has a prefix length");
        assertThatThrownBy(() -> value("traefik/32").asCidr()).hasMessageContaining("not a numeric IP address");
        assertThatThrownBy(() -> value("\"^/_matrix/(client\"").asRegex())
                .hasMessageStartingWith("t.yaml:1:6: key: invalid regex '^/_matrix/(client': Unclosed group");
        assertThat(value("\"https://s:8008/_matrix\"").asUri("http", "https")).isEqualTo(URI.create("https://s:8008/_matrix"));
        assertThatThrownBy(() -> value("\"ftp://s/x\"").asUri("http", "https")).hasMessage("t.yaml:1:6: key: 'ftp://s/x' is not a http or https URL with a host");
        assertThatThrownBy(() -> value("\"/relative\"").asUri("http", "https")).hasMessageContaining("is not a http or https URL");
    }

    @Test
    void enumsAreWrittenInLowerCaseAndNearMissesGetASuggestion() {
        assertThat(value("round_robin").asEnum(Balancing.class)).isEqualTo(Balancing.ROUND_ROBIN);
        assertThat(value("Least_Outstanding").asEnum(Balancing.class)).isEqualTo(Balancing.LEAST_OUTSTANDING);
        assertThatThrownBy(() -> value("round_robbin").asEnum(Balancing.class)).hasMessage(
                "t.yaml:1:6: key: unknown value 'round_robbin' (expected one of: consistent_hash, least_outstanding, round_robin);"
                        + " did you mean 'round_robin'?");
        assertThat(value("Json").asChoice(List.of("combined", "json"))).isEqualTo("json");
    }
}
