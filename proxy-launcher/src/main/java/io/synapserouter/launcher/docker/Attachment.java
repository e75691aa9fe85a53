package io.synapserouter.launcher.docker;

import io.netty.channel.Channel;
import io.synapserouter.launcher.docker.internal.OutputPump;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A live attach stream: the container's stdout and stderr flowing to ours. It ends by itself when the
 * container's output closes (the container exited); {@link #close} cuts it short.
 */
public final class Attachment implements AutoCloseable {

    private final Channel channel;
    private final CompletableFuture<Void> ended;
    private final OutputPump pump;

    Attachment(Channel channel, CompletableFuture<Void> ended, OutputPump pump) {
        this.channel = channel;
        this.ended = ended;
        this.pump = pump;
    }

    /**
     * Waits until the stream has ended and all of its output is written. Returns false on timeout.
     */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            // a broken stream still ends; what it delivered has been queued
        }
        long left = Math.max(0, deadline - System.nanoTime());
        return pump.awaitDrained(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        channel.close();
        pump.finish();
    }
}
