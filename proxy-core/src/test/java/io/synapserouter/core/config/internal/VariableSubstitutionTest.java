package io.synapserouter.core.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariableSubstitutionTest {

    private final VariableSubstitution subst = new VariableSubstitution(Map.of(
            "HOST", "matrix-synapse", "PORT", "8008", "EMPTY", ""));

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
            "plain text                    | plain text",
            "${HOST}                       | matrix-synapse",
            "${HOST}:${PORT}               | matrix-synapse:8008",
            "http://${HOST}/x              | http://matrix-synapse/x",
            "${UNSET:-fallback}            | fallback",
            "${HOST:-fallback}             | matrix-synapse",
            "${EMPTY:-fallback}            | fallback",
            "${EMPTY}                      | ''",
            "${UNSET:-}                    | ''",
            "${UNSET:-a:b-c}               | a:b-c",
            "^/_matrix/client/.*$          | ^/_matrix/client/.*$",
            "cost $5                       | cost $5",
            "$${HOST}                      | ${HOST}",
            "$${HOST} ${HOST}              | ${HOST} matrix-synapse",
            "$                             | $",
    })
    void substitutesSetVariablesAndDefaults(String text, String expected) {
        assertThat(subst.apply(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' fails naming {1}")
    @CsvSource(delimiter = '|', value = {
            "${UNSET}                      | environment variable UNSET is not set",
            "x ${ALSO_UNSET} y             | environment variable ALSO_UNSET is not set",
            "${HOST                        | without its closing",
            "${}                           | not a variable reference",
            "${1ABC}                       | not a variable reference",
            "${A B}                        | not a variable reference",
            "${HOST-x}                     | not a variable reference",
    })
    void refusesUnsetVariablesAndMalformedReferences(String text, String message) {
        assertThatThrownBy(() -> subst.apply(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
