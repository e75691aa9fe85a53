package io.synapserouter.routing.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server (Debian's {@code prometheus} binary) scraping one target every second, on
 * 127.0.0.1 with a temporary config and data directory. A missing binary fails the test.
 */
final class PrometheusServer implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    private PrometheusServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    static Path executable() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(d, "prometheus");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("prometheus is not installed: run .ci/prometheus-setup.sh (Debian package prometheus)");
    }

    /** Starts a server scraping {@code target} ({@code host:port}, path /metrics) and waits until it is ready. */
    static PrometheusServer start(String target, Duration readyWithin) throws Exception {
        Path binary = executable();
        Path dir = Files.createTempDirectory("prometheus-test");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "scrape_configs:",
                "  - job_name: synapse_router",
                "    metrics_path: /metrics",
                "    static_configs:",
                "      - targets: ['" + target + "']",
                ""));
        AssertionError lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Process process = new ProcessBuilder(binary.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--storage.tsdb.retention.time=1h")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus-" + attempt + ".log").toFile())
                    .start();
            PrometheusServer server = new PrometheusServer(dir, process, port);
            try {
                server.awaitReady(readyWithin);
                return server;
            } catch (AssertionError e) {
                lastFailure = e;
                server.stopProcess();
                if (!e.getMessage().contains("exited")) {
                    break; // a slow start, not a port clash: retrying would not help
                }
            }
        }
        deleteRecursively(dir);
        throw lastFailure;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(100);
        }
        throw new AssertionError("prometheus not ready within " + within + ":\n" + log());
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(CALL_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /api/v1/targets}, parsed. */
    JsonNode targets() throws Exception {
        return api("/api/v1/targets");
    }

    /** An instant query; the {@code data.result} array. */
    JsonNode query(String promql) throws Exception {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).get("data").get("result");
    }

    /** The single value of an instant query, or NaN when it returns nothing. */
    double scalar(String promql) throws Exception {
        JsonNode result = query(promql);
        if (result.size() == 0) {
            return Double.NaN;
        }
        if (result.size() > 1) {
            throw new AssertionError(promql + " returned " + result.size() + " series: " + result);
        }
        return Double.parseDouble(result.get(0).get("value").get(1).asText());
    }

    private JsonNode api(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError(pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = json.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new AssertionError(pathAndQuery + " failed: " + response.body());
        }
        return body;
    }

    String log() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
                String text = Files.readString(file);
                all.append(text, Math.max(0, text.length() - 4000), text.length());
            }
        } catch (IOException e) {
            all.append("(log unreadable: ").append(e.getMessage()).append(')');
        }
        return all.toString();
    }

    private void stopProcess() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(15, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stopProcess();
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
