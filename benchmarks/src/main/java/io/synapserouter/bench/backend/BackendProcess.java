package io.synapserouter.bench.backend;

import java.util.concurrent.atomic.LongAdder;

/**
 * One simulated Synapse process (main, federation main, or a worker): its name, what it answers, and
 * whether it serves whoami. Immutable after start; the handler of every connection to it shares it.
 */
final class BackendProcess implements AutoCloseable {

    final String name;
    final String pool;
    final boolean servesWhoami;
    final CannedResponse ok;
    final CannedResponse health;
    final LongAdder requests;

    BackendProcess(String name, String pool, boolean servesWhoami, BackendStats stats) {
        this.name = name;
        this.pool = pool;
        this.servesWhoami = servesWhoami;
        this.ok = new CannedResponse("200 OK", name, "application/json",
                "{\"served_by\":\"" + name + "\",\"next_batch\":\"s1_2_3_4\",\"rooms\":{}}");
        this.health = new CannedResponse("200 OK", name, "text/plain", "OK");
        this.requests = stats.requestCounter(name);
    }

    @Override
    public void close() {
        ok.close();
        health.close();
    }
}
