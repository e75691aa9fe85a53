package io.synapserouter.core.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    private static final List<String> KEYS = List.of(
            "client", "federation", "admin", "ttl", "negative_ttl", "max_entries", "balancing", "methods");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(emptyValue = "", value = {
            "clinet, client",
            "cleint, client",
            "Client, client",
            "federaton, federation",
            "tll, ttl",
            "negative-ttl, negative_ttl",
            "max_entires, max_entries",
            "admn, admin",
            "adm, ''",
            "federat, federation",
            "federations, federation",
            "max, ''",
            "negative, negative_ttl",
            "balance, balancing",
            "methd, methods",
            "xyz, ''",
            "timeout, ''",
            "a, ''",
    })
    void suggestsOnlyNearMisses(String typed, String expected) {
        assertThat(Suggestions.closest(typed, KEYS).orElse("")).isEqualTo(expected);
    }
}
