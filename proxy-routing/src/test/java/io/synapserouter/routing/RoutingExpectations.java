package io.synapserouter.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads routing-expectations.txt: hand-written requests and the pool that must serve each. */
final class RoutingExpectations {

    record Expectation(String scenario, String listener, String method, String target, String pool, int line) {
        @Override
        public String toString() {
            return scenario + " " + listener + " " + method + " " + target + " -> " + pool + " (line " + line + ")";
        }
    }

    private RoutingExpectations() {
    }

    static List<Expectation> load() {
        try (InputStream in = RoutingExpectations.class.getResourceAsStream("routing-expectations.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Expectation> all = new ArrayList<>();
            String[] lines = text.split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\\s+");
                if (c.length != 5) {
                    throw new IllegalStateException("routing-expectations.txt:" + (i + 1) + ": expected 5 columns: " + line);
                }
                for (String method : expand(c[2])) {
                    for (String target : expand(c[3])) {
                        all.add(new Expectation(c[0], c[1], method, target, c[4], i + 1));
                    }
                }
            }
            return all;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Expands the first {a,b} group, recursively: a shell-like brace expansion. */
    static List<String> expand(String s) {
        int open = s.indexOf('{');
        if (open < 0) {
            return List.of(s);
        }
        int close = s.indexOf('}', open);
        List<String> out = new ArrayList<>();
        for (String alternative : s.substring(open + 1, close).split(",", -1)) {
            out.addAll(expand(s.substring(0, open) + alternative + s.substring(close + 1)));
        }
        return out;
    }
}
