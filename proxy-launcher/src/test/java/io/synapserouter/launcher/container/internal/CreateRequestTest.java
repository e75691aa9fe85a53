package io.synapserouter.launcher.container.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synapserouter.launcher.container.SpecFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateRequestTest {

    @TempDir
    Path dir;

    @Test
    void onlyThePrimaryNetworkIsInTheCreateRequest() throws IOException {
        Path specFile = dir.resolve("containers.yaml");
        Files.writeString(dir.resolve("env"), "# comment\nFROM_FILE=file\nOVERRIDDEN=file\nFROM_ENV\nUNSET_VAR\n\n");
        Files.writeString(dir.resolve("labels"), "traefik.enable=true\nrole=file\n");
        SpecFile spec = SpecFile.parse("""
                containers:
                  synapse:
                    image: synapse:1
                    entrypoint: [python3]
                    command: [-m, synapse.app.homeserver]
                    env: { OVERRIDDEN: spec }
                    env_file: env
                    label_file: labels
                    labels: { role: spec }
                    user: "991:991"
                    read_only: true
                    cap_drop: [ALL]
                    tmpfs: { /tmp: "rw,noexec,nosuid,size=100m" }
                    mounts: [{ source: conf, target: /data, read_only: true }]
                    ports: ["127.0.0.1:8008:8008", "127.0.0.1::9000"]
                    networks:
                      - { name: matrix, aliases: [synapse] }
                      - { name: addons, aliases: [s2] }
                    health: { test: [CMD, curl, -f, http://localhost:8008/health], interval: 15s, timeout: 5s, retries: 3, start_period: 500ms }
                    stop_grace: 7s
                    log_driver: none
                """, specFile);

        JsonNode body = CreateRequest.of(spec.container("synapse"), Map.of("FROM_ENV", "env"));

        assertThat(body.path("Image").asText()).isEqualTo("synapse:1");
        assertThat(texts(body.path("Entrypoint"))).containsExactly("python3");
        assertThat(texts(body.path("Cmd"))).containsExactly("-m", "synapse.app.homeserver");
        assertThat(texts(body.path("Env"))).containsExactly("FROM_FILE=file", "OVERRIDDEN=spec", "FROM_ENV=env");
        assertThat(body.path("Labels").path("traefik.enable").asText()).isEqualTo("true");
        assertThat(body.path("Labels").path("role").asText()).isEqualTo("spec");
        assertThat(body.path("User").asText()).isEqualTo("991:991");
        assertThat(body.path("Tty").asBoolean()).isFalse();
        assertThat(body.path("StopTimeout").asInt()).isEqualTo(7);
        assertThat(texts(body.path("Healthcheck").path("Test"))).containsExactly("CMD", "curl", "-f", "http://localhost:8008/health");
        assertThat(body.path("Healthcheck").path("Interval").asLong()).isEqualTo(15_000_000_000L);
        assertThat(body.path("Healthcheck").path("StartPeriod").asLong()).isEqualTo(500_000_000L);
        assertThat(body.path("ExposedPorts").has("8008/tcp")).isTrue();

        JsonNode host = body.path("HostConfig");
        assertThat(host.path("NetworkMode").asText()).isEqualTo("matrix");
        assertThat(host.path("ReadonlyRootfs").asBoolean()).isTrue();
        assertThat(texts(host.path("CapDrop"))).containsExactly("ALL");
        assertThat(host.path("Tmpfs").path("/tmp").asText()).isEqualTo("rw,noexec,nosuid,size=100m");
        assertThat(host.path("Mounts").get(0).path("Source").asText()).isEqualTo(dir.resolve("conf").toString());
        assertThat(host.path("Mounts").get(0).path("ReadOnly").asBoolean()).isTrue();
        assertThat(host.path("PortBindings").path("8008/tcp").get(0).path("HostIp").asText()).isEqualTo("127.0.0.1");
        assertThat(host.path("PortBindings").path("8008/tcp").get(0).path("HostPort").asText()).isEqualTo("8008");
        assertThat(host.path("PortBindings").path("9000/tcp").get(0).path("HostPort").asText()).isEmpty();
        assertThat(host.path("LogConfig").path("Type").asText()).isEqualTo("none");
        assertThat(host.path("RestartPolicy").path("Name").asText()).isEqualTo("no");
        assertThat(host.path("AutoRemove").asBoolean()).isFalse();

        JsonNode endpoints = body.path("NetworkingConfig").path("EndpointsConfig");
        assertThat(fieldNames(endpoints)).containsExactly("matrix");
        assertThat(texts(endpoints.path("matrix").path("Aliases"))).containsExactly("synapse");
    }

    @Test
    void hostNetworkGetsNoEndpointConfig() {
        SpecFile spec = SpecFile.parse("containers:\n  a: { image: x, networks: [host] }\n", dir.resolve("s.yaml"));
        JsonNode body = CreateRequest.of(spec.container("a"), Map.of());
        assertThat(body.path("HostConfig").path("NetworkMode").asText()).isEqualTo("host");
        assertThat(body.has("NetworkingConfig")).isFalse();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
