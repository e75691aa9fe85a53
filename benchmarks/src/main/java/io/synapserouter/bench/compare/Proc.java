package io.synapserouter.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A child process the harness started, with its output in a log file. Every one is registered so that
 * a shutdown hook can stop what is still running; each is stopped by its own pid (SIGTERM, then SIGKILL).
 */
final class Proc implements AutoCloseable {

    private static final Set<Proc> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(Proc::close), "stop-children"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final long spawnNanos;

    private Proc(String name, Process process, Path log, long spawnNanos) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.spawnNanos = spawnNanos;
    }

    /** Starts {@code command} with stdout and stderr going to {@code log}. */
    static Proc start(String name, List<String> command, Path log, Path workDir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        long spawn = System.nanoTime();
        Proc proc = new Proc(name, pb.start(), log, spawn);
        RUNNING.add(proc);
        return proc;
    }

    /** Runs {@code command} to completion (bounded by {@code timeoutSeconds}) and returns its output. */
    static String run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("bench-cmd", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(out.toFile())).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    long spawnNanos() {
        return spawnNanos;
    }

    boolean alive() {
        return process.isAlive();
    }

    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    Path log() {
        return log;
    }

    /** The last lines of the log, for error messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The process and all its descendants (nginx's workers), by pid. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(h -> pids.add(h.pid()));
        return pids;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        RUNNING.remove(this);
    }
}
