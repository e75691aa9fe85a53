package io.synapserouter.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resource limits of this process, which the children inherit. */
final class Limits {

    private Limits() {
    }

    /** The soft open-files limit (compare.sh raises it to the hard limit first). */
    static long openFiles() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return Long.parseLong(f[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return 1024;
    }
}
