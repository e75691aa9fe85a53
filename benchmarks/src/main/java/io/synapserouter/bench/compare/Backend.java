package io.synapserouter.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The backend process ({@link io.synapserouter.bench.backend.BenchBackend}) as the harness sees it. */
final class Backend implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Proc proc;
    private final JsonNode ports;
    private final Path tokensFile;
    private final List<String> tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Backend(Proc proc, JsonNode ports, Path tokensFile) throws IOException {
        this.proc = proc;
        this.ports = ports;
        this.tokensFile = tokensFile;
        this.tokens = Files.readAllLines(tokensFile);
    }

    static Backend start(Options options, Path runDir) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(runDir.resolve("backend"));
        List<String> cmd = new ArrayList<>(options.loadPrefix());
        cmd.addAll(List.of(options.java(), "-Xms256m", "-Xmx512m", "-XX:+UseParallelGC", "-Dlogback.configurationFile=logback-bench.xml",
                "-cp", options.benchmarksJar().toString(), "io.synapserouter.bench.backend.BenchBackend",
                "--dir", dir.toString(), "--tokens", "20000", "--threads", Integer.toString(options.backendThreads()),
                "--pools", "sync=4,room=2,client_reader=2,media_repository=2,federation_reader=2"));
        Proc proc = Proc.start("backend", cmd, dir.resolve("backend.log"), dir);
        Path describe = dir.resolve("backend.json");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(describe)) {
            if (!proc.alive() || System.nanoTime() > deadline) {
                proc.close();
                throw new IOException("backend did not start: " + proc.tail(20));
            }
            Thread.sleep(50);
        }
        return new Backend(proc, JSON.readTree(describe.toFile()), dir.resolve("tokens.txt"));
    }

    int port(String name) {
        return ports.get(name).asInt();
    }

    List<Integer> pool(String name) {
        List<Integer> out = new ArrayList<>();
        ports.get("pools").get(name).forEach(p -> out.add(p.asInt()));
        return out;
    }

    Map<String, List<Integer>> pools() {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        ports.get("pools").fieldNames().forEachRemaining(n -> out.put(n, pool(n)));
        return out;
    }

    Path tokensFile() {
        return tokensFile;
    }

    String token(int i) {
        return tokens.get(i);
    }

    int tokenCount() {
        return tokens.size();
    }

    Proc proc() {
        return proc;
    }

    JsonNode stats() throws IOException, InterruptedException {
        return control("GET", "/stats");
    }

    /** whoami calls for tokens {@code [from, to)}: tokens, calls, min, max, histogram. */
    JsonNode whoamiCalls(int from, int to) throws IOException, InterruptedException {
        return control("GET", "/whoami-calls?from=" + from + "&to=" + to);
    }

    void reset() throws IOException, InterruptedException {
        control("POST", "/reset");
    }

    void whoamiDelay(long millis) throws IOException, InterruptedException {
        control("POST", "/whoami-delay?ms=" + millis);
    }

    private JsonNode control(String method, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port("control") + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IOException("backend control " + pathAndQuery + " answered " + res.statusCode() + ": " + res.body());
        }
        return JSON.readTree(res.body());
    }

    @Override
    public void close() {
        proc.close();
    }
}
