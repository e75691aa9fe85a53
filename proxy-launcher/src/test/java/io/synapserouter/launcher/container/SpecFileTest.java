package io.synapserouter.launcher.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synapserouter.core.config.ConfigException;
import io.synapserouter.launcher.container.ContainerSpec.WaitFor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecFileTest {

    private static final Path SOURCE = Path.of("/etc/matrix/containers.yaml");

    private static SpecFile parse(String yaml) {
        return SpecFile.parse(yaml, SOURCE);
    }

    @Test
    void everyKeyIsReadIntoTheRecord() {
        SpecFile spec = parse("""
                containers:
                  synapse:
                    image: ghcr.io/element-hq/synapse:v1.120.2
                    entrypoint: [python3, -m, synapse.app.homeserver]
                    command: [-c, /data/homeserver.yaml]
                    env: { A: "1", B: two }
                    env_file: env/synapse
                    user: 991:991
                    read_only: true
                    cap_drop: [ALL]
                    cap_add: [NET_BIND_SERVICE]
                    tmpfs: { /tmp: "rw,noexec,nosuid,size=100m", /run: }
                    mounts:
                      - { type: bind, source: config, target: /data, read_only: true }
                      - { type: volume, source: media, target: /media }
                      - /srv/x:/x:ro
                    labels: { traefik.enable: "true" }
                    label_file: [labels-a, /abs/labels-b]
                    ports: ["127.0.0.1:8008:8008", "127.0.0.1::9000/udp"]
                    networks:
                      - { name: matrix, aliases: [synapse, matrix-synapse] }
                      - addons
                    health:
                      test: curl -fSs http://localhost:8008/health
                      interval: 15s
                      timeout: 500ms
                      retries: 3
                      start_period: 1m
                    stop_grace: 3s
                    log_driver: { type: json-file, options: { max-size: 10m } }
                  worker:
                    image: ghcr.io/element-hq/synapse:v1.120.2
                    after: [{ name: synapse, wait: healthy }]
                """);
        ContainerSpec s = spec.container("synapse");
        assertThat(s.entrypoint()).containsExactly("python3", "-m", "synapse.app.homeserver");
        assertThat(s.command()).containsExactly("-c", "/data/homeserver.yaml");
        assertThat(s.env()).containsExactly(entry("A", "1"), entry("B", "two"));
        assertThat(s.envFiles()).containsExactly(Path.of("/etc/matrix/env/synapse"));
        assertThat(s.user()).isEqualTo("991:991");
        assertThat(s.readOnly()).isTrue();
        assertThat(s.capDrop()).containsExactly("ALL");
        assertThat(s.capAdd()).containsExactly("NET_BIND_SERVICE");
        assertThat(s.tmpfs()).containsExactly(entry("/tmp", "rw,noexec,nosuid,size=100m"), entry("/run", ""));
        assertThat(s.mounts()).containsExactly(
                new ContainerSpec.MountSpec("bind", "/etc/matrix/config", "/data", true),
                new ContainerSpec.MountSpec("volume", "media", "/media", false),
                new ContainerSpec.MountSpec("bind", "/srv/x", "/x", true));
        assertThat(s.labelFiles()).containsExactly(Path.of("/etc/matrix/labels-a"), Path.of("/abs/labels-b"));
        assertThat(s.ports()).containsExactly(new PortSpec("127.0.0.1", 8008, 8008, "tcp"), new PortSpec("127.0.0.1", 0, 9000, "udp"));
        assertThat(s.primaryNetwork()).isEqualTo(new ContainerSpec.NetworkSpec("matrix", List.of("synapse", "matrix-synapse")));
        assertThat(s.extraNetworks()).containsExactly(new ContainerSpec.NetworkSpec("addons", List.of()));
        assertThat(s.health().test()).containsExactly("CMD-SHELL", "curl -fSs http://localhost:8008/health");
        assertThat(s.health().timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.health().startPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.health().retries()).isEqualTo(3);
        assertThat(s.stopGrace()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.logDriver().type()).isEqualTo("json-file");
        assertThat(s.logDriver().options()).containsEntry("max-size", "10m");

        ContainerSpec w = spec.container("worker");
        assertThat(w.after()).containsExactly(new ContainerSpec.Dependency("synapse", WaitFor.HEALTHY));
        assertThat(w.networks()).containsExactly(new ContainerSpec.NetworkSpec("bridge", List.of()));
        assertThat(w.stopGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(w.health()).isNull();
        assertThat(spec.startOrder()).containsExactly("synapse", "worker");
    }

    private static java.util.Map.Entry<String, String> entry(String k, String v) {
        return java.util.Map.entry(k, v);
    }

    @Test
    void aMisspeltKeyIsNamedWithItsLineAndTheLikelyMeaning() {
        assertThatThrownBy(() -> parse("""
                containers:
                  synapse:
                    image: synapse:1
                    imgae: synapse:2
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("/etc/matrix/containers.yaml:4:5: containers.synapse.imgae: unknown key")
                .hasMessageContaining("did you mean 'image'?");
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnce() {
        assertThatThrownBy(() -> parse("""
                containers:
                  a:
                    image: x
                    health:
                      test: "true"
                      intervall: 5s
                  b:
                    netwrks: [x]
                version: 3
                """))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4))
                .hasMessageContaining(":6:7: containers.a.health.intervall: unknown key")
                .hasMessageContaining(":8:5: containers.b.image: required, but missing")
                .hasMessageContaining(":8:5: containers.b.netwrks: unknown key")
                .hasMessageContaining(":9:1: version: unknown key");
    }

    @Test
    void wrongTypesAndBadValuesNameTheKeyAndLine() {
        assertThatThrownBy(() -> parse("containers:\n  a:\n    image: x\n    command: run --config x\n"))
                .hasMessageStartingWith("/etc/matrix/containers.yaml:4:14: containers.a.command: expected a list");
        assertThatThrownBy(() -> parse("containers:\n  a:\n    image: x\n    ports: [\"127.0.0.1:80800:8008\"]\n"))
                .hasMessageStartingWith("/etc/matrix/containers.yaml:4:13: containers.a.ports[0]:")
                .hasMessageContaining("80800");
        assertThatThrownBy(() -> parse("containers:\n  a:\n    image: x\n    stop_grace: soon\n"))
                .hasMessageStartingWith("/etc/matrix/containers.yaml:4:17: containers.a.stop_grace: 'soon' is not a duration");
        assertThatThrownBy(() -> parse("containers:\n  a:\n    image: x\n    read_only: maybe\n"))
                .hasMessageContaining("containers.a.read_only: expected true or false");
        assertThatThrownBy(() -> parse("containers:\n  a:\n    image: x\n    cap_drop: [\"ALL!\"]\n"))
                .hasMessageContaining("containers.a.cap_drop[0]: 'ALL!' is not a capability name");
        assertThatThrownBy(() -> parse("containers:\n  a:\n    image: x\n    tmpfs: { tmp: size=1m }\n"))
                .hasMessageContaining("containers.a.tmpfs.tmp: 'tmp' must be an absolute path");
    }

    @Test
    void variablesAreSubstitutedFromTheEnvironment() {
        SpecFile spec = io.synapserouter.launcher.container.internal.SpecReader.parse(
                "containers:\n  a:\n    image: \"synapse:${TAG:-latest}\"\n    user: \"${UID_GID}\"\n",
                SOURCE, java.util.Map.of("UID_GID", "991:991"));
        assertThat(spec.container("a").image()).isEqualTo("synapse:latest");
        assertThat(spec.container("a").user()).isEqualTo("991:991");
    }

    @Test
    void restartIsRefusedBecauseSystemdRestarts() {
        assertThatThrownBy(() -> parse("containers:\n  a:\n    image: x\n    restart: always\n"))
                .hasMessageContaining("containers.a.restart: not supported")
                .hasMessageContaining("systemd");
    }

    @Test
    void hostNetworkStandsAlone() {
        assertThatThrownBy(() -> parse("containers:\n  a:\n    image: x\n    networks: [host, matrix]\n"))
                .hasMessageContaining("cannot be combined");
        assertThatThrownBy(() -> parse("containers:\n  a:\n    image: x\n    ports: [\"8008:8008\"]\n    networks: [host]\n"))
                .hasMessageContaining("ports cannot be published");
        assertThat(parse("containers:\n  a:\n    image: x\n    networks: [host]\n").container("a").extraNetworks()).isEmpty();
    }

    @Test
    void dependenciesMustExistAndMustNotCycle() {
        assertThatThrownBy(() -> parse("containers:\n  a:\n    image: x\n    after: [b]\n"))
                .hasMessageContaining("containers.a.after")
                .hasMessageContaining("'b' is not a container");
        assertThatThrownBy(() -> parse("""
                containers:
                  a: { image: x, after: [c] }
                  b: { image: x, after: [a] }
                  c: { image: x, after: [{ name: b, wait: healthy }] }
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dependency cycle: a → c → b → a");
        assertThatThrownBy(() -> parse("containers:\n  a: { image: x, after: [{ name: a }] }\n"))
                .hasMessageContaining("cannot come after itself");
        assertThatThrownBy(() -> parse("containers:\n  a: { image: x }\n  b: { image: x, after: [{ name: a, wait: ready }] }\n"))
                .hasMessageContaining("containers.b.after[0].wait: unknown value 'ready' (expected one of: started, healthy)");
    }

    @Test
    void duplicateKeysAreAnErrorNotASilentOverride() {
        assertThatThrownBy(() -> parse("containers:\n  a:\n    image: x\n    image: y\n"))
                .hasMessageContaining(":4:5: containers.a.image: duplicate key (first written at line 3)");
    }

    @Test
    void anUnknownContainerNameListsTheKnownOnes() {
        SpecFile spec = parse("containers:\n  a: { image: x }\n  b: { image: x }\n");
        assertThatThrownBy(() -> spec.container("c")).hasMessageContaining("no container named 'c'").hasMessageContaining("a, b");
    }

    @Test
    void theShippedExampleIsValid() {
        Path example = Path.of("../config/containers.example.yaml");
        SpecFile spec = SpecFile.read(example);
        assertThat(spec.containers()).hasSize(4);
        assertThat(spec.startOrder()).first().isEqualTo("matrix-synapse");
        assertThat(spec.startOrder()).last().isEqualTo("matrix-synapse-reverse-proxy-companion");
        ContainerSpec synapse = spec.container("matrix-synapse");
        assertThat(synapse.readOnly()).isTrue();
        assertThat(synapse.capDrop()).containsExactly("ALL");
        assertThat(synapse.extraNetworks()).extracting(ContainerSpec.NetworkSpec::name).containsExactly("matrix-addons");
        assertThat(spec.container("matrix-synapse-worker-sync-0").after())
                .containsExactly(new ContainerSpec.Dependency("matrix-synapse", WaitFor.HEALTHY));
    }
}
