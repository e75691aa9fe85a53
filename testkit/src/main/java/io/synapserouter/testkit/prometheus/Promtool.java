package io.synapserouter.testkit.prometheus;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus's {@code promtool check metrics} on an exposition; a missing promtool fails the test. */
public final class Promtool {

    public record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    public static Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("promtool is not installed: run .ci/prometheus-setup.sh (Debian package prometheus)");
    }

    public static Result checkMetrics(String exposition) throws Exception {
        Path input = Files.createTempFile("metrics", ".txt");
        try {
            Files.writeString(input, exposition, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(executable().toString(), "check", "metrics")
                    .redirectInput(input.toFile())
                    .redirectErrorStream(true)
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("promtool did not finish within 60 s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(input);
        }
    }
}
