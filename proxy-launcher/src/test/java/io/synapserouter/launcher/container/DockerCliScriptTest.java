package io.synapserouter.launcher.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.launcher.cli.RootCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerCliScriptTest {

    @TempDir
    Path dir;

    private static final String SPEC = """
            containers:
              router:
                image: synapse-router:latest
                command: [run, --config, /config/router.yaml]
                ports: ["127.0.0.1:9000:9000"]
                networks: [{ name: traefik, aliases: [companion] }, { name: matrix, aliases: [companion, proxy] }]
                after: [{ name: synapse, wait: healthy }]
              synapse:
                image: ghcr.io/element-hq/synapse:v1
                entrypoint: [python3, -m, synapse.app.homeserver]
                command: [-c, /data/homeserver.yaml]
                user: "991:991"
                read_only: true
                cap_drop: [ALL]
                tmpfs: { /tmp: "rw,noexec,nosuid,size=2000m" }
                mounts: [{ source: /matrix/synapse/config, target: /data, read_only: true }]
                env: { GREETING: "it's me" }
                env_file: /matrix/env
                label_file: /matrix/labels
                networks: [{ name: matrix, aliases: [matrix-synapse] }, addons]
                health: { test: "curl -fSs http://localhost:8008/health", interval: 15s, timeout: 500ms, retries: 3 }
                stop_grace: 3s
                log_driver: none
            """;

    @Test
    void upIsRemoveCreateOnPrimaryConnectStartInDependencyOrder() {
        SpecFile spec = SpecFile.parse(SPEC, dir.resolve("c.yaml"));
        String script = DockerCliScript.up(spec, Duration.ofSeconds(180));
        System.out.println(script);
        List<String> lines = script.lines().filter(l -> l.startsWith("docker") || l.startsWith("i=0; until")).toList();
        assertThat(lines).containsExactly(
                "docker stop -t 3 synapse >/dev/null 2>&1 || true",
                "docker rm -f synapse >/dev/null 2>&1 || true",
                "docker create --name synapse --network matrix --network-alias matrix-synapse --user 991:991 --read-only"
                        + " --cap-drop ALL --tmpfs /tmp:rw,noexec,nosuid,size=2000m"
                        + " --mount type=bind,source=/matrix/synapse/config,target=/data,readonly"
                        + " --env-file /matrix/env -e 'GREETING=it'\\''s me' --label-file /matrix/labels"
                        + " --health-cmd 'curl -fSs http://localhost:8008/health' --health-interval 15s --health-timeout 500ms"
                        + " --health-retries 3 --stop-timeout 3 --log-driver none --entrypoint python3"
                        + " ghcr.io/element-hq/synapse:v1 -m synapse.app.homeserver -c /data/homeserver.yaml",
                "docker network connect addons synapse",
                "docker start synapse",
                "i=0; until [ \"$(docker inspect -f '{{.State.Health.Status}}' synapse 2>/dev/null)\" = healthy ]; do"
                        + " i=$((i+1)); [ $i -lt 180 ] || { echo 'synapse is not healthy after 180 s' >&2; exit 1; }; sleep 1; done",
                "docker stop -t 10 router >/dev/null 2>&1 || true",
                "docker rm -f router >/dev/null 2>&1 || true",
                "docker create --name router --network traefik --network-alias companion -p 127.0.0.1:9000:9000/tcp"
                        + " --stop-timeout 10 synapse-router:latest run --config /config/router.yaml",
                "docker network connect --alias companion --alias proxy matrix router",
                "docker start router");
    }

    @Test
    void downRemovesDependentsFirst() {
        String script = DockerCliScript.down(SpecFile.parse(SPEC, dir.resolve("c.yaml")));
        List<String> removals = script.lines().filter(l -> l.startsWith("docker rm")).toList();
        assertThat(removals).containsExactly("docker rm -f router >/dev/null 2>&1 || true", "docker rm -f synapse >/dev/null 2>&1 || true");
    }

    @Test
    void theDryRunScriptIsValidShell() throws Exception {
        Path script = dir.resolve("up.sh");
        Files.writeString(script, DockerCliScript.up(SpecFile.parse(SPEC, dir.resolve("c.yaml")), Duration.ofSeconds(5)));
        Process check = new ProcessBuilder("sh", "-n", script.toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(out).isZero();
    }

    @Test
    void dryRunThroughTheCommandLineNeedsNoEngine() throws IOException {
        Path spec = dir.resolve("c.yaml");
        Files.writeString(spec, SPEC);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = RootCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("container", "up", "--spec", spec.toString(), "--dry-run", "--docker-host", "unix:///nonexistent.sock");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("docker create --name synapse").contains("docker start router");

        out.getBuffer().setLength(0);
        code = cli.execute("container", "down", "--spec", spec.toString(), "--dry-run");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("docker rm -f router");
    }

    @Test
    void aBadSpecExitsTwoAndNamesTheKey() throws IOException {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "containers:\n  a:\n    image: x\n    netwrks: [a]\n");
        StringWriter err = new StringWriter();
        var cli = RootCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("container", "up", "--spec", spec.toString(), "--dry-run");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("bad.yaml:4:5: containers.a.netwrks: unknown key").contains("did you mean 'networks'?");
    }
}
