package io.synapserouter.core.admin.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Proof that event loops still run tasks: each watched loop stamps the time from a task it runs
 * periodically, and a loop whose stamp is older than the limit is stuck (blocked, or spinning on one
 * task). Checking reads a few longs, so {@code /health} can answer at once, on its own event loop.
 */
public final class EventLoopHeartbeat implements AutoCloseable {

    private final List<EventExecutor> loops = new ArrayList<>();
    private final AtomicLongArray stamps;
    private final List<ScheduledFuture<?>> beats = new ArrayList<>();
    private final long staleNanos;

    public EventLoopHeartbeat(List<EventLoopGroup> groups, Duration staleAfter) {
        for (EventLoopGroup group : groups) {
            for (EventExecutor loop : group) {
                loops.add(loop);
            }
        }
        this.stamps = new AtomicLongArray(loops.size());
        this.staleNanos = staleAfter.toNanos();
    }

    public void start() {
        long now = System.nanoTime();
        long periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), staleNanos / 4);
        for (int i = 0; i < loops.size(); i++) {
            int index = i;
            stamps.set(index, now);
            beats.add(loops.get(i).scheduleAtFixedRate(() -> stamps.set(index, System.nanoTime()),
                    0, periodNanos, TimeUnit.NANOSECONDS));
        }
    }

    /** -1 when every loop beat recently, else the index of the first stale loop. */
    public int firstStale() {
        long now = System.nanoTime();
        for (int i = 0; i < stamps.length(); i++) {
            if (now - stamps.get(i) > staleNanos) {
                return i;
            }
        }
        return -1;
    }

    /** How long ago the given loop last beat. */
    public Duration sinceLastBeat(int index) {
        return Duration.ofNanos(System.nanoTime() - stamps.get(index));
    }

    public int size() {
        return loops.size();
    }

    @Override
    public void close() {
        for (ScheduledFuture<?> beat : beats) {
            beat.cancel(false);
        }
        beats.clear();
    }
}
