package io.synapserouter.launcher.container;

import io.synapserouter.testkit.StreamCapture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shaded launcher jar run as a real process (so signals and exit codes are real), with its stdout
 * and stderr collected. Used by the failsafe ITs, which run after {@code package}.
 */
final class LauncherProcess implements AutoCloseable {

    static final Path JAR = Path.of("target/synapse-router.jar").toAbsolutePath();

    private final Process process;
    private final StreamCapture out;
    private final StreamCapture err;

    private LauncherProcess(Process process) {
        this.process = process;
        this.out = new StreamCapture(process.getInputStream(), "launcher-stdout");
        this.err = new StreamCapture(process.getErrorStream(), "launcher-stderr");
    }

    static Path jar() {
        assertThat(JAR).as("the shaded jar (the ITs run after `mvn package`)").exists();
        return JAR;
    }

    /** {@code java -jar synapse-router.jar args…}, with the test's DOCKER_HOST. */
    static LauncherProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        return launch(command);
    }

    /** {@code java -jar synapse-router.jar args…} (the launcher's own root command). */
    static LauncherProcess startJar(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        return launch(command);
    }

    private static LauncherProcess launch(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DOCKER_HOST", System.getenv("DOCKER_HOST"));
        return new LauncherProcess(builder.start());
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    long pid() {
        return process.pid();
    }

    /**
     * SIGTERM, as systemd sends it. Through the process handle: {@code Process.destroy()} would also
     * close our end of its stdout and stderr, losing what it prints while it stops.
     */
    void terminate() {
        assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
    }

    /** Waits for the exit; fails the test if it takes longer than {@code timeout}. */
    int exitCode(Duration timeout) throws InterruptedException {
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(exited).as("launcher exited within %s; stderr so far:%n%s", timeout, stderr()).isTrue();
        out.join();
        err.join();
        return process.exitValue();
    }

    /** Waits until stdout (or stderr) contains {@code text}; fails after {@code timeout}. */
    void awaitStdout(String text, Duration timeout) throws InterruptedException {
        await(out, text, timeout);
    }

    void awaitStderr(String text, Duration timeout) throws InterruptedException {
        await(err, text, timeout);
    }

    private void await(StreamCapture output, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output.text().contains(text)) {
            assertThat(System.nanoTime() - deadline).as("waiting for '%s'; stdout:%n%s%nstderr:%n%s", text, stdout(), stderr())
                    .isNegative();
            assertThat(process.isAlive() || output.text().contains(text))
                    .as("launcher exited (code %s) before printing '%s'; stdout:%n%s%nstderr:%n%s",
                            process.isAlive() ? "-" : process.exitValue(), text, stdout(), stderr())
                    .isTrue();
            Thread.sleep(50);
        }
    }

    String stdout() {
        return out.text();
    }

    String stderr() {
        return err.text();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    static Path writeSpec(Path dir, String yaml) throws IOException {
        Path spec = dir.resolve("containers.yaml");
        Files.writeString(spec, yaml);
        return spec;
    }
}
