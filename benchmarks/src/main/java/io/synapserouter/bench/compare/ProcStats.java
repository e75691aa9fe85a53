package io.synapserouter.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Memory and CPU figures of processes, read from /proc (Linux only). */
final class ProcStats {

    /** Clock ticks per second for /proc/<pid>/stat; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {
    }

    /** A field of /proc/<pid>/status in KiB (VmRSS, VmHWM), summed over {@code pids}; 0 for gone pids. */
    static long statusKib(List<Long> pids, String field) {
        long total = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith(field + ":")) {
                        total += Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the process is gone: it holds no memory
            }
        }
        return total;
    }

    /** Proportional set size in KiB summed over {@code pids}: shared pages counted once across them. */
    static long pssKib(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        total += Long.parseLong(line.substring(4).replace("kB", "").trim());
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // gone
            }
        }
        return total;
    }

    /** User plus system CPU seconds used so far by {@code pids} (threads included). */
    static double cpuSeconds(List<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                // gone
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** Open file descriptors of {@code pids}, summed. */
    static int openFds(List<Long> pids) {
        int total = 0;
        for (long pid : pids) {
            try (var s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                total += (int) s.count();
            } catch (IOException | RuntimeException e) {
                // gone
            }
        }
        return total;
    }
}
