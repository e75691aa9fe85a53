package io.synapserouter.launcher.acceptance;

import io.synapserouter.testkit.StreamCapture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/synapse-router.jar …} as a real process (real signals, real exit codes),
 * its stdout and stderr collected in memory. For the failsafe ITs, which run after {@code package}.
 */
final class RouterProcess implements AutoCloseable {

    /** Relative to the module directory, where failsafe runs. */
    static final Path JAR = Path.of("target", "synapse-router.jar").toAbsolutePath();

    private final Process process;
    private final StreamCapture out;
    private final StreamCapture err;

    private RouterProcess(Process process) {
        this.process = process;
        this.out = new StreamCapture(process.getInputStream(), "router-stdout-" + process.pid());
        this.err = new StreamCapture(process.getErrorStream(), "router-stderr-" + process.pid());
    }

    static RouterProcess start(Map<String, String> env, String... args) throws IOException {
        assertThat(JAR).as("the shaded jar (ITs run after `mvn package`)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return new RouterProcess(builder.start());
    }

    static RouterProcess start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** A port free right now on 127.0.0.1 (for configs that cannot say 0, e.g. two processes sharing one file). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until stderr holds the start-up line of {@code run}. */
    void awaitStarted(Duration timeout) throws InterruptedException {
        awaitText(err, "synapse-router started on", timeout);
    }

    void awaitStdout(String text, Duration timeout) throws InterruptedException {
        awaitText(out, text, timeout);
    }

    private void awaitText(StreamCapture output, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output.text().contains(text)) {
            assertThat(process.isAlive())
                    .as("process exited (%s) before printing '%s'%nstdout:%n%s%nstderr:%n%s",
                            process.isAlive() ? "-" : process.exitValue(), text, stdout(), stderr())
                    .isTrue();
            assertThat(System.nanoTime() - deadline)
                    .as("'%s' printed within %s%nstdout:%n%s%nstderr:%n%s", text, timeout, stdout(), stderr()).isNegative();
            Thread.sleep(25);
        }
    }

    /**
     * SIGTERM, as systemd and Docker send it. Through the process handle: {@code Process.destroy()}
     * also closes our ends of its stdout and stderr, which would lose what it prints while stopping.
     */
    void terminate() {
        assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code; fails if the process has not exited within {@code timeout}. */
    int exitCode(Duration timeout) throws InterruptedException {
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(exited).as("exited within %s%nstdout:%n%s%nstderr:%n%s", timeout, stdout(), stderr()).isTrue();
        out.join();
        err.join();
        return process.exitValue();
    }

    String stdout() {
        return out.text();
    }

    String stderr() {
        return err.text();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
