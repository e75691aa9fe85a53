package io.synapserouter.launcher.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.launcher.cli.RootCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitsTest {

    @TempDir
    Path dir;

    private static final String SPEC = """
            containers:
              matrix-synapse:
                image: synapse:1
                stop_grace: 10s
              matrix-synapse-worker-sync-0:
                image: synapse:1
                after: [{ name: matrix-synapse, wait: healthy }]
            """;

    @Test
    void eachUnitRunsTheLauncherWithRestartAlwaysAndTheDependencies() {
        SpecFile spec = SpecFile.parse(SPEC, Path.of("/etc/matrix/containers.yaml"));
        List<SystemdUnits.Unit> units = SystemdUnits.of(spec, new SystemdUnits.Settings(
                List.of("/usr/bin/java", "-jar", "/opt/synapse-router/synapse-router.jar"), "docker.service", ""));
        assertThat(units).extracting(SystemdUnits.Unit::fileName)
                .containsExactly("matrix-synapse.service", "matrix-synapse-worker-sync-0.service");

        String synapse = units.get(0).text();
        System.out.println(synapse);
        assertThat(synapse)
                .contains("ExecStart=/usr/bin/java -jar /opt/synapse-router/synapse-router.jar container run --spec "
                        + "/etc/matrix/containers.yaml matrix-synapse\n")
                .contains("Restart=always\n")
                .contains("Requires=docker.service\nAfter=docker.service\n")
                .contains("TimeoutStopSec=40\n")
                .contains("SuccessExitStatus=143\n")
                .doesNotContain("ExecStop=");

        String worker = units.get(1).text();
        assertThat(worker).contains("Requires=matrix-synapse.service\nAfter=matrix-synapse.service\n");
        assertThat(worker).doesNotContain("Environment=");
    }

    @Test
    void specialCharactersAreQuotedForSystemd() {
        assertThat(SystemdUnits.quote("/srv/my spec.yaml")).isEqualTo("\"/srv/my spec.yaml\"");
        assertThat(SystemdUnits.quote("100%")).isEqualTo("100%%");
        assertThat(SystemdUnits.quote("$HOME")).isEqualTo("\"$$HOME\"");
    }

    @Test
    void outputDirGetsOneFilePerContainer() throws IOException {
        Path spec = dir.resolve("containers.yaml");
        Files.writeString(spec, SPEC);
        Path units = dir.resolve("units");
        StringWriter err = new StringWriter();
        var cli = RootCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int code = cli.execute("systemd", "--spec", spec.toString(), "--output-dir", units.toString(),
                "--jar", "/opt/sr.jar", "--docker-host", "unix:///run/d.sock");
        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readString(units.resolve("matrix-synapse.service")))
                .contains("ExecStart=/usr/bin/java -jar /opt/sr.jar container run --spec " + spec.toAbsolutePath())
                .contains("Environment=DOCKER_HOST=unix:///run/d.sock");
        assertThat(units.resolve("matrix-synapse-worker-sync-0.service")).exists();
    }
}
