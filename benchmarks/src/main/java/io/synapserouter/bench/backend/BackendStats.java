package io.synapserouter.bench.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters shared by every process of the backend; read and reset through the control port. */
final class BackendStats {

    private final Map<String, LongAdder> requestsByProcess = new LinkedHashMap<>();
    private final LongAdder bodyBytes = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private final AtomicInteger openPolls = new AtomicInteger();
    private final AtomicInteger peakOpenPolls = new AtomicInteger();
    private volatile long whoamiDelayMillis;

    /** Registers a process before traffic starts; the map is read-only afterwards. */
    LongAdder requestCounter(String process) {
        return requestsByProcess.computeIfAbsent(process, p -> new LongAdder());
    }

    void countBody(long bytes) {
        bodyBytes.add(bytes);
    }

    void countConnection() {
        connections.increment();
    }

    void pollOpened() {
        int now = openPolls.incrementAndGet();
        peakOpenPolls.accumulateAndGet(now, Math::max);
    }

    void pollClosed() {
        openPolls.decrementAndGet();
    }

    long whoamiDelayMillis() {
        return whoamiDelayMillis;
    }

    void whoamiDelayMillis(long millis) {
        whoamiDelayMillis = Math.max(0, millis);
    }

    int openPolls() {
        return openPolls.get();
    }

    int peakOpenPolls() {
        return peakOpenPolls.get();
    }

    Map<String, Long> requests() {
        Map<String, Long> out = new LinkedHashMap<>();
        requestsByProcess.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long bodyBytes() {
        return bodyBytes.sum();
    }

    long connections() {
        return connections.sum();
    }

    void reset() {
        requestsByProcess.values().forEach(LongAdder::reset);
        bodyBytes.reset();
        connections.reset();
        peakOpenPolls.set(openPolls.get());
    }
}
