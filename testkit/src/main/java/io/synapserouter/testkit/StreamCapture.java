package io.synapserouter.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one stream of a child process into memory on a daemon thread of its own, so the child never
 * blocks on a full pipe and a test can read what it printed at any time.
 */
public final class StreamCapture {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread thread;

    public StreamCapture(InputStream in, String threadName) {
        thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (bytes) {
                        bytes.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Everything read so far, as UTF-8. */
    public String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits (at most 5 s) for the stream to end. */
    public void join() throws InterruptedException {
        thread.join(5_000);
    }
}
