package io.synapserouter.launcher.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.synapserouter.launcher.demo.DemoDeployment;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2: {@code check} names a bad key and its line; the {@code demo}'s curl commands work as printed. */
class CommandLineIT {

    private static final Pattern SERVED_BY = Pattern.compile("\"served_by\":\"([^\"]*)\"");

    @TempDir
    Path dir;

    @Test
    void checkNamesAMisspeltKeyAndItsLine() throws Exception {
        Path misspelt = dir.resolve("misspelt.yaml");
        Files.writeString(misspelt, """
                # a comment, so the key is not on line 1
                listeners: { clinet: "0.0.0.0:8008" }
                synapse: { client: "matrix-synapse:8008" }
                """);
        try (RouterProcess check = RouterProcess.start("check", "--config", misspelt.toString())) {
            int exit = check.exitCode(Duration.ofSeconds(60));
            System.out.printf("checkNamesAMisspeltKeyAndItsLine: misspelt key -> exit %d, stderr: %s%n", exit, check.stderr().strip());
            assertThat(exit).isEqualTo(2);
            assertThat(check.stderr()).contains("listeners.clinet").contains("misspelt.yaml:2:").contains("client");
        }

        Path example = Path.of("..", "config", "router.example.yaml").toAbsolutePath().normalize();
        try (RouterProcess check = RouterProcess.start("check", "--config", example.toString())) {
            int exit = check.exitCode(Duration.ofSeconds(60));
            long ruleLines = check.stdout().lines().filter(l -> l.matches("\\s+\\d+\\s+.*")).count();
            System.out.printf("checkNamesAMisspeltKeyAndItsLine: router.example.yaml -> exit %d, %d lines printed, %d route-table rows%n",
                    exit, check.stdout().lines().count(), ruleLines);
            assertThat(exit).as(check.stderr()).isZero();
            assertThat(check.stdout()).contains("valid").contains("Listeners").contains("Pools")
                    .contains("client listener:").contains("federation listener:").contains("sync").contains("mas-compat");
            assertThat(ruleLines).as("route table rows").isGreaterThan(20);
        }

        Path badRegex = dir.resolve("regex.yaml");
        Files.writeString(badRegex, """
                synapse: { client: "matrix-synapse:8008" }
                routes:
                  - path: "^/_matrix/client/(v3/foo"
                    pool: main
                """);
        try (RouterProcess check = RouterProcess.start("check", "--config", badRegex.toString())) {
            int exit = check.exitCode(Duration.ofSeconds(60));
            System.out.printf("checkNamesAMisspeltKeyAndItsLine: bad regex -> exit %d, stderr: %s%n", exit, check.stderr().strip());
            assertThat(exit).isEqualTo(2);
            assertThat(check.stderr()).contains("routes[0].path").contains("regex.yaml:3:");
        }
    }

    @Test
    void demoCurlCommandsGetAnswersFromTheFakeSynapse() throws Exception {
        try (RouterProcess demo = RouterProcess.start("demo", "--client-port", "0", "--federation-port", "0", "--admin-port", "0")) {
            demo.awaitStdout("/status\n", Duration.ofSeconds(60));
            List<String> curls = demo.stdout().lines().filter(l -> l.startsWith("curl ")).toList();
            List<DemoDeployment.DemoRequest> promised = DemoDeployment.requests();
            assertThat(curls).as("one curl per demo request, then /metrics and /status").hasSize(promised.size() + 2);
            List<String> report = new ArrayList<>();
            for (int i = 0; i < promised.size(); i++) {
                String output = bash(curls.get(i));
                Matcher m = SERVED_BY.matcher(output);
                assertThat(m.find()).as("answer of `%s`: %s", curls.get(i), output).isTrue();
                report.add(m.group(1));
                assertThat(m.group(1)).as("`%s`", curls.get(i)).startsWith(promised.get(i).expectedServedByPrefix());
            }
            String metrics = bash(curls.get(promised.size()));
            String status = bash(curls.get(promised.size() + 1));
            System.out.printf("demoCurlCommandsGetAnswersFromTheFakeSynapse: %d curl commands answered by %s; metrics line gave %d lines; /status %d bytes%n",
                    promised.size(), report, metrics.lines().count(), status.length());
            assertThat(metrics.lines()).isNotEmpty().allMatch(l -> l.startsWith("synapse_router_requests"));
            assertThat(status).contains("\"pools\"");
            demo.terminate();
            assertThat(demo.exitCode(Duration.ofSeconds(30))).isZero();
        }
    }

    /** Runs one printed command line exactly as printed, and returns its standard output. */
    private static String bash(String commandLine) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", commandLine).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (var in = process.getInputStream()) {
                in.transferTo(out);
            } catch (java.io.IOException e) {
                // process gone
            }
        });
        reader.start();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("`%s` finished", commandLine).isTrue();
            reader.join(5_000);
            assertThat(process.exitValue()).as("`%s` exit code; output %s", commandLine, out).isZero();
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
    }
}
