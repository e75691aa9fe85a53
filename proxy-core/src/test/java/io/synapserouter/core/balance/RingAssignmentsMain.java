package io.synapserouter.core.balance;

import io.synapserouter.core.upstream.Endpoint;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a separate JVM by {@link HashRingTest}: builds a ring from {@code host:port} arguments (in
 * the order given) and writes the owner of keys {@code user0 … user<count-1>}, one per line, to a
 * file (stdout is left to logging). Arguments: file, count, endpoints.
 */
public final class RingAssignmentsMain {

    private RingAssignmentsMain() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            int colon = args[i].lastIndexOf(':');
            endpoints.add(new Endpoint("sync", args[i].substring(0, colon), Integer.parseInt(args[i].substring(colon + 1))));
        }
        HashRing ring = new HashRing(endpoints);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int k = 0; k < count; k++) {
                out.write(ring.select(Endpoints.user(k), null).id());
                out.newLine();
            }
        }
    }
}
