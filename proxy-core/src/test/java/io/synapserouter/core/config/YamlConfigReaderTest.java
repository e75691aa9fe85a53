package io.synapserouter.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigReaderTest {

    private static final Map<String, String> NO_ENV = Map.of();

    private static ConfigMap read(String yaml) {
        return YamlConfigReader.read(yaml, "router.yaml", NO_ENV);
    }

    private static ConfigMap read(String yaml, Map<String, String> env) {
        return YamlConfigReader.read(yaml, "router.yaml", env);
    }

    @Test
    void everyValueKnowsItsLineColumnAndKeyPath() {
        ConfigMap root = read("""
                # a comment
                listeners:
                  client: "0.0.0.0:8008"
                workers:
                  sync:
                    - "sync-1:8008"
                    - sync-2:8008
                whoami: { cache: { ttl: 1h } }
                """);
        ConfigNode client = root.mapOrEmpty("listeners").get("client");
        assertThat(client.path()).isEqualTo("listeners.client");
        assertThat(client.line()).isEqualTo(3);
        assertThat(client.column()).isEqualTo(11);

        ConfigNode secondSync = root.mapOrEmpty("workers").listOrEmpty("sync").items().get(1);
        assertThat(secondSync.path()).isEqualTo("workers.sync[1]");
        assertThat(secondSync.line()).isEqualTo(7);
        assertThat(secondSync.asHostPort()).isEqualTo(new HostPort("sync-2", 8008));

        ConfigNode ttl = root.mapOrEmpty("whoami").mapOrEmpty("cache").get("ttl");
        assertThat(ttl.path()).isEqualTo("whoami.cache.ttl");
        assertThat(ttl.line()).isEqualTo(8);
    }

    @Test
    void anUnknownKeyDeepDownIsNamedWithItsPathLineAndASuggestion() {
        ConfigMap root = read("""
                whoami:
                  timeout: 2s
                  cache:
                    tll: 1h
                """);
        ConfigMap cache = root.mapOrEmpty("whoami").mapOrEmpty("cache");
        assertThatThrownBy(() -> cache.allowOnly(List.of("ttl", "negative_ttl", "max_entries")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("router.yaml:4:5: whoami.cache.tll: unknown key (known: ttl, negative_ttl, max_entries); did you mean 'ttl'?");
    }

    @Test
    void everyUnknownKeyOfAMapIsReportedAtOnce() {
        ConfigMap root = read("""
                listeners:
                  clinet: "0.0.0.0:8008"
                  admin: "127.0.0.1:9000"
                  bogus: 1
                """);
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> root.mapOrEmpty("listeners").allowOnly(List.of("client", "federation", "admin")));
        assertThat(e.problems()).extracting(ConfigProblem::keyPath, ConfigProblem::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("listeners.clinet", 2), org.assertj.core.groups.Tuple.tuple("listeners.bogus", 4));
        assertThat(e.getMessage().lines()).containsExactly(
                "router.yaml:2:3: listeners.clinet: unknown key (known: client, federation, admin); did you mean 'client'?",
                "router.yaml:4:3: listeners.bogus: unknown key (known: client, federation, admin)");
    }

    @Test
    void variablesAreSubstitutedInValuesAndMayStandForNumbersAndBooleans() {
        ConfigMap root = read("""
                port: ${PORT:-8008}
                other_port: ${OTHER_PORT:-8008}
                debug: ${DEBUG}
                url: "http://${SYNAPSE_HOST}:${PORT:-8008}/x"
                """, Map.of("OTHER_PORT", "9009", "DEBUG", "true", "SYNAPSE_HOST", "synapse"));
        assertThat(root.get("port").asInt(0, 65535)).isEqualTo(8008);
        assertThat(root.get("other_port").asInt(0, 65535)).isEqualTo(9009);
        assertThat(root.get("debug").asBoolean()).isTrue();
        assertThat(root.get("url").asText()).isEqualTo("http://synapse:8008/x");
        assertThat(root.get("url").line()).isEqualTo(4);
    }

    @Test
    void anUnsetVariableWithoutDefaultNamesTheVariableTheKeyAndTheLine() {
        assertThatThrownBy(() -> read("""
                synapse:
                  client: "${SYNAPSE_CLIENT}"
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("router.yaml:2:11: synapse.client: environment variable SYNAPSE_CLIENT is not set");
    }

    @Test
    void aValueThatSubstitutesToNothingReadsAsNull() {
        ConfigMap root = read("federation: ${FEDERATION_LISTEN:-}\n");
        assertThat(root.get("federation").isNull()).isTrue();
        assertThat(root.find("federation")).isEmpty();
    }

    @Test
    void keysAreNotSubstitutedAndLiteralDollarBracesCanBeEscaped() {
        ConfigMap root = read("\"${X}\": \"$${X}\"\n", Map.of("X", "y"));
        assertThat(root.keys()).containsExactly("${X}");
        assertThat(root.get("${X}").asText()).isEqualTo("${X}");
    }

    @Test
    void aDuplicateKeyIsAnErrorNamingBothLines() {
        assertThatThrownBy(() -> read("""
                timeouts:
                  connect: 5s
                  connect: 6s
                """))
                .hasMessage("router.yaml:3:3: timeouts.connect: duplicate key (first written at line 2)");
    }

    @Test
    void aliasesAreRefusedRatherThanReadAsTheirName() {
        assertThatThrownBy(() -> read("""
                base: &b "sync-1:8008"
                other: *b
                """))
                .hasMessageStartingWith("router.yaml:2:8: other: YAML aliases (*b) are not supported");
    }

    @Test
    void aSyntaxErrorNamesTheLineWhereItIs() {
        assertThatThrownBy(() -> read("""
                listeners:
                  client: "0.0.0.0:8008"
                 admin: "127.0.0.1:9000"
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("router.yaml:3:2: invalid YAML: ");
        assertThatThrownBy(() -> read("listeners:\n\tclient: x\n"))
                .hasMessageStartingWith("router.yaml:2:1: invalid YAML: ")
                .hasMessageContaining("TAB");
    }

    @Test
    void theTopLevelMustBeOneMap() {
        assertThatThrownBy(() -> read("- a\n- b\n")).hasMessage("router.yaml:1:1: the file must be a map of keys, found a list");
        assertThatThrownBy(() -> read("a: 1\n---\nb: 2\n")).hasMessageStartingWith("router.yaml:3:1: more than one YAML document");
    }

    @Test
    void anEmptyFileIsAnEmptyMap() {
        assertThat(read("").isEmpty()).isTrue();
        assertThat(read("# only a comment\n").isEmpty()).isTrue();
    }

    @Test
    void aMissingRequiredKeyIsNamedWithItsPath() {
        ConfigMap root = read("synapse:\n  federation: \"s:8048\"\n");
        assertThatThrownBy(() -> root.mapOrEmpty("synapse").require("client", "the main process's client port"))
                .hasMessage("router.yaml:2:3: synapse.client: required, but missing; the main process's client port");
        assertThatThrownBy(() -> read("synapse:\n").require("synapse", ""))
                .hasMessage("router.yaml:1:9: synapse: required, but empty");
    }

    @Test
    void aFileIsNamedAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("router.yaml");
        Files.writeString(file, "a:\n  b: [1, 2\n");
        assertThatThrownBy(() -> YamlConfigReader.read(file, NO_ENV)).hasMessageStartingWith(file + ":");
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> YamlConfigReader.read(missing, NO_ENV)).hasMessage(missing + ": no such file");
    }
}
