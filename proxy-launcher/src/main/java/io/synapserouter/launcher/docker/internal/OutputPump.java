package io.synapserouter.launcher.docker.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies container output to our stdout and stderr on a thread of its own: writing to a pipe (journald,
 * a terminal) may block, and an event loop must not. The event loop asks {@link #submit} whether to keep
 * reading; above the high-water mark it stops reading from the Engine, and the pump calls
 * {@code resume} once it has drained below the low-water mark, so a slow reader slows the container
 * instead of filling our heap.
 */
public final class OutputPump implements AutoCloseable {

    private static final long HIGH_WATER = 1 << 20;
    private static final long LOW_WATER = 256 << 10;
    private static final byte[] END = new byte[0];

    private record Chunk(int stream, byte[] bytes) {
    }

    private final OutputStream out;
    private final OutputStream err;
    private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final Thread thread;
    private volatile Runnable resume = () -> { };
    private volatile boolean paused;

    public OutputPump(OutputStream out, OutputStream err, String name) {
        this.out = out;
        this.err = err;
        this.thread = new Thread(this::pump, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** What to run (on any thread) when a paused reader may read again. */
    public void onResume(Runnable resume) {
        this.resume = resume;
    }

    /** Queues one piece of output; returns false when the reader should pause. */
    public boolean submit(int stream, byte[] bytes) {
        queue.add(new Chunk(stream, bytes));
        if (pending.addAndGet(bytes.length) > HIGH_WATER) {
            paused = true;
            return false;
        }
        return true;
    }

    /** No more output will come: the pump writes what is queued and stops. */
    public void finish() {
        queue.add(new Chunk(StreamDemultiplexer.STDOUT, END));
    }

    /** Waits until everything submitted before {@link #finish} has been written and flushed. */
    public boolean awaitDrained(long timeout, TimeUnit unit) throws InterruptedException {
        thread.join(unit.toMillis(timeout));
        return !thread.isAlive();
    }

    private void pump() {
        boolean broken = false;
        try {
            while (true) {
                Chunk chunk = queue.take();
                if (chunk.bytes() == END) {
                    return;
                }
                if (!broken) {
                    OutputStream target = chunk.stream() == StreamDemultiplexer.STDERR ? err : out;
                    try {
                        target.write(chunk.bytes());
                        target.flush();
                    } catch (IOException e) {
                        // Our own stdout or stderr is gone (reader exited): keep draining so the
                        // Engine stream is not stalled, but there is nowhere left to write.
                        broken = true;
                    }
                }
                if (pending.addAndGet(-chunk.bytes().length) < LOW_WATER && paused) {
                    paused = false;
                    resume.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        finish();
    }
}
