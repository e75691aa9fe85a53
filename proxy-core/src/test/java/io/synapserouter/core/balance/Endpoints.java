package io.synapserouter.core.balance;

import io.synapserouter.core.upstream.Endpoint;
import java.util.ArrayList;
import java.util.List;

/** Endpoints named like a real deployment's workers; no sockets are needed to balance. */
final class Endpoints {

    private Endpoints() {
    }

    static List<Endpoint> workers(String pool, int count) {
        List<Endpoint> endpoints = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            endpoints.add(new Endpoint(pool, "matrix-synapse-worker-" + pool + "-" + i, 18080 + i));
        }
        return endpoints;
    }

    static String user(int i) {
        return "user" + i;
    }
}
