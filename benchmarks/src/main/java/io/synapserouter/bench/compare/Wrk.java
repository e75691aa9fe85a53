package io.synapserouter.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs wrk with {@code benchmarks/wrk/bench.lua} and reads the JSON line the script prints. */
final class Wrk {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;

    Wrk(Options options) {
        this.options = options;
    }

    /**
     * @param port        the target port on 127.0.0.1
     * @param connections wrk connections (one wrk thread drives them all: wrk shares its CPU)
     * @param seconds     duration
     * @param timeoutSec  wrk's per-request timeout
     * @param scriptArgs  key=value arguments for bench.lua
     */
    Result run(int port, int connections, int seconds, int timeoutSec, Map<String, String> scriptArgs)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(options.loadPrefix());
        cmd.addAll(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--timeout", timeoutSec + "s",
                "-s", options.repo().resolve("benchmarks/wrk/bench.lua").toString(), "http://127.0.0.1:" + port, "--"));
        scriptArgs.forEach((k, v) -> cmd.add(k + "=" + v));
        String out = Proc.run(cmd, seconds + 60L);
        for (String line : out.split("\n")) {
            if (line.startsWith("WRK_JSON ")) {
                return new Result(JSON.readTree(line.substring("WRK_JSON ".length())));
            }
        }
        throw new IOException("wrk printed no result line:\n" + out);
    }

    static Map<String, String> args(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** One wrk run's figures. */
    record Result(JsonNode raw) {

        long requests() {
            return raw.get("requests").asLong();
        }

        double seconds() {
            return raw.get("duration_us").asLong() / 1e6;
        }

        double rps() {
            return requests() / seconds();
        }

        long errors() {
            JsonNode e = raw.get("errors");
            return e.get("connect").asLong() + e.get("read").asLong() + e.get("write").asLong()
                    + e.get("status").asLong() + e.get("timeout").asLong();
        }

        double latencyMs(String percentile) {
            return raw.get("latency_us").get(percentile).asDouble() / 1000.0;
        }
    }
}
