package io.synapserouter.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synapserouter.bench.compare.Report.Goal;
import io.synapserouter.bench.compare.Report.Row;
import io.synapserouter.bench.load.HttpLanes;
import io.synapserouter.bench.load.LongPollHold;
import io.synapserouter.bench.load.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs synapse-router and nginx side by side against one backend, alternating which goes first in
 * every round, and reports router/nginx ratios. Usage (compare.sh does this):
 * <pre>java -cp benchmarks/target/benchmarks.jar io.synapserouter.bench.compare.Compare --repo . [--rounds 3] [--seconds 8]</pre>
 */
public final class Compare {

    private static final int STICKY_TOKENS = 10_000;
    private static final int STORM_TOKENS_PER_ROUND = 400;
    private static final int STORM_CONCURRENCY = 10;
    private static final int STORM_TOKENS_PER_BATCH = 40;
    private static final long STORM_WHOAMI_DELAY_MS = 20;
    private static final int UPLOAD_SMALL = 1 << 20;
    private static final int UPLOAD_LARGE = 50 << 20;
    private static final String SYNC_PATH = "/_matrix/client/v3/sync";

    private final Options options;
    private final Backend backend;
    private final Wrk wrk;
    private final Report report = new Report();
    private final List<Contender> contenders = new ArrayList<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final Map<String, Instance> running = new LinkedHashMap<>();
    private int nextStormToken = STICKY_TOKENS;

    private Compare(Options options, Backend backend, Path runDir) {
        this.options = options;
        this.backend = backend;
        this.wrk = new Wrk(options);
        contenders.add(new RouterContender(options, backend, runDir));
        contenders.add(new NginxContender(options, backend, runDir));
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path runDir = Files.createTempDirectory("synapse-bench-");
        long started = System.nanoTime();
        log("run directory " + runDir + "; " + String.join("; ", options.describe()));
        boolean ok = false;
        try (Backend backend = Backend.start(options, runDir)) {
            log("backend up (pid " + backend.proc().pid() + ")");
            Compare compare = new Compare(options, backend, runDir);
            compare.run(started);
            ok = true;
        } finally {
            if (ok && !"1".equals(System.getProperty("bench.keep"))) {
                deleteTree(runDir);
            } else {
                log("logs kept in " + runDir);
            }
        }
    }

    private void run(long started) throws Exception {
        machineFacts();
        ObjectNode scen = report.root.putObject("scenarios");
        boolean longLived = Stream.of("plain", "sticky", "upload", "p99", "storm").anyMatch(this::want);
        try {
            // always: it is also how a contender that cannot run here is found out
            startLongLived();
            if (running.isEmpty()) {
                throw new IllegalStateException("no contender could start: " + unavailable);
            }
            if (longLived) {
                routeCheck();
                warmUp();
            }
            if (want("plain")) {
                plain(scen.putObject("plain"));
            }
            if (want("sticky")) {
                sticky(scen.putObject("sticky_sync"));
            }
            if (want("upload")) {
                upload(scen.putObject("upload_1mib"), "upload 1 MiB", UPLOAD_SMALL, 16);
                upload(scen.putObject("upload_50mib"), "upload 50 MiB", UPLOAD_LARGE, 4);
            }
            if (want("p99")) {
                latency(scen.putObject("p99"), scen.path("plain"));
            }
            if (want("storm")) {
                storm(scen.putObject("token_storm"));
            }
        } finally {
            stopLongLived();
        }
        if (want("longpoll")) {
            longPolls(scen.putObject("long_polls"));
        }
        if (want("startup")) {
            startup(scen.putObject("startup"));
        }
        report.root.put("elapsed_seconds", (System.nanoTime() - started) / 1e9);
        ((ObjectNode) report.root.get("machine")).put("load_average_at_end", Files.readString(Path.of("/proc/loadavg")).trim());
        String routerNote = unavailable.containsKey("router") ? "not available" : "n/a";
        String table = report.markdown(routerNote);
        StringBuilder md = new StringBuilder();
        md.append("## synapse-router vs nginx+njs, ").append(report.root.get("date").asText()).append("\n\n");
        report.root.get("machine").fields().forEachRemaining(e -> md.append("- ").append(e.getKey()).append(": ")
                .append(e.getValue().asText()).append('\n'));
        unavailable.forEach((k, v) -> md.append("- ").append(k).append(" not available: ").append(v).append('\n'));
        md.append('\n').append(table);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path json = options.resultsDir().resolve("compare-" + stamp + ".json");
        report.write(json, options.resultsDir().resolve("compare-" + stamp + ".md"), md.toString());
        System.out.println();
        System.out.println(md);
        log("raw figures: " + json + " (" + String.format("%.0f", (System.nanoTime() - started) / 1e9) + " s in all)");
    }

    private boolean want(String scenario) {
        return options.scenarios().contains(scenario);
    }

    // ------------------------------------------------------------------ setup

    private void machineFacts() throws IOException, InterruptedException {
        report.root.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        ObjectNode m = report.root.putObject("machine");
        // nproc would report this harness's own (pinned) CPU set: count what is online instead.
        m.put("nproc", Proc.run(List.of("nproc", "--all"), 10).trim());
        m.put("load_average_at_start", Files.readString(Path.of("/proc/loadavg")).trim());
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        m.put("memory", mem);
        m.put("kernel", Proc.run(List.of("uname", "-sr"), 10).trim());
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("wrk", Proc.run(List.of("wrk", "-v"), 10).lines().findFirst().orElse("?").trim());
        m.put("open_files_limit", Limits.openFiles());
        m.put("placement", options.pinned()
                ? "proxy pinned to CPU " + options.proxyCpus() + " (" + options.proxyWorkers() + " nginx worker / router event loop per CPU); backend, wrk and harness pinned to CPU " + options.loadCpus()
                : "not pinned");
        for (Contender c : contenders) {
            m.put(c.name(), c.version());
        }
        ObjectNode settings = report.root.putObject("settings");
        settings.put("rounds", options.rounds());
        settings.put("seconds", options.seconds());
        settings.put("connections", options.connections());
        settings.put("router_java_opts", String.join(" ", options.routerJavaOpts()));
    }

    private void startLongLived() throws InterruptedException {
        for (Contender c : contenders) {
            String why = c.unavailableReason();
            if (why == null) {
                try {
                    Instance instance = c.spawn("main");
                    double ms = instance.awaitReady(Duration.ofSeconds(30));
                    running.put(c.name(), instance);
                    log(c.name() + " up in " + Report.fmt(ms) + " ms (pid " + instance.proc.pid() + ", client port " + instance.clientPort + ")");
                    continue;
                } catch (IOException | RuntimeException e) {
                    why = firstLines(e.getMessage(), 6);
                }
            }
            unavailable.put(c.name(), why);
            log(c.name() + " not available: " + why);
        }
    }

    private void stopLongLived() {
        running.values().forEach(Instance::close);
        running.clear();
    }

    /** Checks that both proxies send each scenario's request to the same kind of backend process. */
    private void routeCheck() throws Exception {
        ObjectNode out = report.root.putObject("route_check");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(Instance.PLAIN_PATH, "main");
        expected.put(SYNC_PATH + "?timeout=0", "sync-");
        expected.put("/_matrix/client/v3/rooms/%21bench:bench.example.org/messages", "room-");
        expected.put("/_matrix/client/versions", "client_reader-");
        expected.put("/_matrix/media/v3/config", "media_repository-");
        for (Instance instance : running.values()) {
            ObjectNode node = out.putObject(instance.contender);
            try (HttpLanes lanes = new HttpLanes(new InetSocketAddress("127.0.0.1", instance.clientPort), 1, 10_000)) {
                for (Map.Entry<String, String> e : expected.entrySet()) {
                    Reply r = lanes.send(0, "GET", e.getKey(), backend.token(0)).join();
                    boolean ok = r.ok() && r.servedBy() != null && r.servedBy().startsWith(e.getValue());
                    node.put(e.getKey(), r.status() + " " + r.servedBy() + (ok ? "" : " (expected " + e.getValue() + ")"));
                    if (!ok) {
                        log("ROUTE MISMATCH " + instance.contender + " " + e.getKey() + " -> " + r.status() + " " + r.servedBy());
                    }
                }
            }
        }
    }

    private void warmUp() throws Exception {
        // Long enough for the router's JIT to settle (compilations go on for ~30 s of load on one CPU);
        // nginx gets the same, though it needs none.
        for (Instance instance : running.values()) {
            wrk.run(instance.clientPort, options.connections(), 8, 5, Wrk.args("path", Instance.PLAIN_PATH));
            int failed = warmTokens(instance, 0, STICKY_TOKENS);
            wrk.run(instance.clientPort, options.connections(), 8, 5, stickyArgs());
            log(instance.contender + " warmed up (JIT and " + STICKY_TOKENS + " tokens; " + failed + " failed)");
        }
    }

    /** Sends one sync per token in {@code [from, to)} so that every one of them is cached. */
    private int warmTokens(Instance instance, int from, int to) throws InterruptedException {
        try (HttpLanes lanes = new HttpLanes(new InetSocketAddress("127.0.0.1", instance.clientPort), 32, 30_000)) {
            List<Reply> replies = lanes.runAll(to - from,
                    i -> new HttpLanes.Request("GET", SYNC_PATH + "?timeout=0", backend.token(from + i)));
            return (int) replies.stream().filter(r -> !r.ok()).count();
        }
    }

    private Map<String, String> stickyArgs() {
        return Wrk.args("path", SYNC_PATH, "tokens", backend.tokensFile().toString(), "count", Integer.toString(STICKY_TOKENS));
    }

    // ------------------------------------------------------------------ request-rate scenarios

    private void plain(ObjectNode out) throws Exception {
        Wrk.Result direct = wrk.run(backend.port("main"), options.connections(), options.seconds(), 5,
                Wrk.args("path", Instance.PLAIN_PATH));
        out.set("backend_direct", direct.raw());
        out.put("backend_direct_rps", direct.rps());
        log("backend alone: " + Report.fmt(direct.rps()) + " req/s with " + options.connections() + " connections");
        Map<String, Double> rps = rounds(out, "plain", options.connections(), 5, Wrk.args("path", Instance.PLAIN_PATH));
        report.row(new Row("plain", "throughput", "req/s", rps.get("router"), rps.get("nginx"), Goal.RATIO_AT_LEAST, 1.0,
                "backend alone with the same " + options.connections() + " connections: " + Report.fmt(direct.rps()) + " req/s"));
        cpuRow("plain");
    }

    private void sticky(ObjectNode out) throws Exception {
        Map<String, Double> rps = rounds(out, "sticky sync", options.connections(), 5, stickyArgs());
        report.row(new Row("sticky sync", "throughput, " + STICKY_TOKENS + " cached tokens", "req/s", rps.get("router"),
                rps.get("nginx"), Goal.RATIO_AT_LEAST, 1.5, null));
        cpuRow("sticky sync");
    }

    private void upload(ObjectNode out, String label, int bytes, int connections) throws Exception {
        Map<String, String> args = Wrk.args("path", "/_matrix/media/v3/upload", "method", "POST", "body", Integer.toString(bytes));
        Map<String, Double> rps = rounds(out, label, connections, 60, args);
        double mib = bytes / (double) (1 << 20);
        report.row(new Row(label, "throughput", "MiB/s", scale(rps.get("router"), mib), scale(rps.get("nginx"), mib),
                Goal.NONE, 0, null));
    }

    private static Double scale(Double v, double factor) {
        return v == null ? null : v * factor;
    }

    /**
     * Runs {@code options.rounds()} rounds of wrk against every running contender, alternating which goes
     * first, and returns each contender's median req/s. Each run also records the proxy's CPU use.
     */
    private Map<String, Double> rounds(ObjectNode out, String label, int connections, int timeoutSec,
                                       Map<String, String> args) throws Exception {
        Map<String, List<Double>> rps = new LinkedHashMap<>();
        Map<String, List<Double>> cpuPerRequest = new LinkedHashMap<>();
        ArrayNode runs = out.putArray("runs");
        List<Instance> order = new ArrayList<>(running.values());
        for (int round = 1; round <= options.rounds(); round++) {
            for (Instance instance : order) {
                List<Long> pids = instance.pids();
                double cpu0 = ProcStats.cpuSeconds(pids);
                Wrk.Result r = wrk.run(instance.clientPort, connections, options.seconds(), timeoutSec, args);
                double cpu = (ProcStats.cpuSeconds(pids) - cpu0) / r.seconds();
                ObjectNode run = runs.addObject();
                double cpuUs = r.requests() > 0 ? cpu * r.seconds() / r.requests() * 1e6 : 0;
                run.put("round", round).put("contender", instance.contender).put("rps", r.rps())
                        .put("proxy_cpu_cores", cpu).put("proxy_cpu_us_per_request", cpuUs).put("errors", r.errors());
                cpuPerRequest.computeIfAbsent(instance.contender, k -> new ArrayList<>()).add(cpuUs);
                run.set("wrk", r.raw());
                if (r.errors() > r.requests() / 100) {
                    log("WARNING " + instance.contender + " " + label + ": " + r.errors() + " errors in " + r.requests() + " requests");
                }
                rps.computeIfAbsent(instance.contender, k -> new ArrayList<>()).add(r.rps());
                log(label + " round " + round + " " + instance.contender + ": " + Report.fmt(r.rps()) + " req/s, proxy CPU "
                        + String.format("%.2f", cpu) + " cores (" + String.format("%.1f", cpuUs) + " µs CPU per request), p99 " + Report.fmt(r.latencyMs("p99")) + " ms"
                        + (r.errors() > 0 ? ", " + r.errors() + " errors" : ""));
            }
            java.util.Collections.reverse(order);
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        rps.forEach((k, v) -> medians.put(k, Stats.median(v)));
        out.set("median_rps", Report.JSON.valueToTree(medians));
        Map<String, Double> cpuMedians = new LinkedHashMap<>();
        cpuPerRequest.forEach((k, v) -> cpuMedians.put(k, Stats.median(v)));
        out.set("median_proxy_cpu_us_per_request", Report.JSON.valueToTree(cpuMedians));
        lastCpuPerRequest = cpuMedians;
        return medians;
    }

    /** The proxies' CPU time per request in the last {@link #rounds} call: steadier than req/s on a busy machine. */
    private Map<String, Double> lastCpuPerRequest = Map.of();

    private void cpuRow(String scenario) {
        report.row(new Row(scenario, "proxy CPU time per request", "µs", lastCpuPerRequest.get("router"),
                lastCpuPerRequest.get("nginx"), Goal.NONE, 0, null));
    }

    /**
     * p99 added latency at a fixed request rate: half of nginx's plain saturation rate (the router's when
     * nginx did not run), measured on the backend alone and through each proxy, in alternating order.
     */
    private void latency(ObjectNode out, JsonNode plain) throws Exception {
        JsonNode medians = plain.path("median_rps");
        double saturation = medians.has("nginx") ? medians.get("nginx").asDouble()
                : medians.has("router") ? medians.get("router").asDouble() : 20_000;
        int delayMs = 10;
        double rate = options.p99Rate() > 0 ? options.p99Rate() : saturation / 2;
        int connections = (int) Math.max(4, Math.round(rate * delayMs / 1000.0));
        out.put("target_rps", rate).put("connections", connections).put("delay_ms", delayMs);
        log("p99: fixed rate ~" + Report.fmt(rate) + " req/s (" + connections + " connections, one request per ~" + delayMs + " ms each)");
        Map<String, String> args = Wrk.args("path", Instance.PLAIN_PATH, "delay", Integer.toString(delayMs));
        Map<String, List<Double>> p99 = new LinkedHashMap<>();
        Map<String, List<Double>> p50 = new LinkedHashMap<>();
        ArrayNode runs = out.putArray("runs");
        List<Object[]> targets = new ArrayList<>();
        targets.add(new Object[] {"backend", backend.port("main")});
        running.values().forEach(i -> targets.add(new Object[] {i.contender, i.clientPort}));
        for (int round = 1; round <= options.rounds(); round++) {
            for (Object[] t : targets) {
                Wrk.Result r = wrk.run((Integer) t[1], connections, options.seconds(), 5, args);
                String name = (String) t[0];
                ObjectNode run = runs.addObject();
                run.put("round", round).put("target", name).put("rps", r.rps());
                run.set("wrk", r.raw());
                p99.computeIfAbsent(name, k -> new ArrayList<>()).add(r.latencyMs("p99"));
                p50.computeIfAbsent(name, k -> new ArrayList<>()).add(r.latencyMs("p50"));
                log("p99 round " + round + " " + name + ": " + Report.fmt(r.rps()) + " req/s, p50 " + Report.fmt(r.latencyMs("p50"))
                        + " ms, p99 " + Report.fmt(r.latencyMs("p99")) + " ms");
            }
            java.util.Collections.reverse(targets.subList(1, targets.size()));
        }
        double base99 = Stats.median(p99.get("backend"));
        double base50 = Stats.median(p50.get("backend"));
        ObjectNode added = out.putObject("added_ms");
        Map<String, Double> added99 = new LinkedHashMap<>();
        Map<String, Double> added50 = new LinkedHashMap<>();
        for (String name : p99.keySet()) {
            if (!name.equals("backend")) {
                added99.put(name, Stats.median(p99.get(name)) - base99);
                added50.put(name, Stats.median(p50.get(name)) - base50);
                added.putObject(name).put("p99", added99.get(name)).put("p50", added50.get(name));
            }
        }
        out.put("backend_p99_ms", base99).put("backend_p50_ms", base50);
        String note = "at ~" + Report.fmt(rate) + " req/s; backend alone p50 " + Report.fmt(base50) + " ms, p99 " + Report.fmt(base99) + " ms";
        report.row(new Row("p99", "added p99 latency", "ms", added99.get("router"), added99.get("nginx"),
                Goal.ROUTER_AT_MOST_NGINX, 0, note));
        report.row(new Row("p99", "added p50 latency", "ms", added50.get("router"), added50.get("nginx"), Goal.NONE, 0, null));
    }

    // ------------------------------------------------------------------ token storm

    /**
     * For fresh tokens, {@value #STORM_CONCURRENCY} requests per token at the same moment while whoami
     * takes {@value #STORM_WHOAMI_DELAY_MS} ms; counts whoami calls per token at the backend.
     */
    private void storm(ObjectNode out) throws Exception {
        backend.whoamiDelay(STORM_WHOAMI_DELAY_MS);
        out.put("tokens_per_round", STORM_TOKENS_PER_ROUND).put("concurrent_requests_per_token", STORM_CONCURRENCY)
                .put("whoami_delay_ms", STORM_WHOAMI_DELAY_MS);
        ArrayNode runs = out.putArray("runs");
        Map<String, long[]> totals = new LinkedHashMap<>();
        Map<String, Integer> maxPerToken = new LinkedHashMap<>();
        Map<String, Integer> minPerToken = new LinkedHashMap<>();
        Map<String, Integer> splitTokens = new LinkedHashMap<>();
        List<Instance> order = new ArrayList<>(running.values());
        try {
            for (int round = 1; round <= 2; round++) {
                for (Instance instance : order) {
                    int from = nextStormToken;
                    int to = from + STORM_TOKENS_PER_ROUND;
                    if (to > backend.tokenCount()) {
                        throw new IllegalStateException("token table too small for the storm rounds");
                    }
                    nextStormToken = to;
                    long t0 = System.nanoTime();
                    StormResult s = stormRound(instance, from, to);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    JsonNode calls = backend.whoamiCalls(from, to);
                    ObjectNode run = runs.addObject();
                    run.put("round", round).put("contender", instance.contender).put("from", from).put("to", to)
                            .put("requests", s.requests).put("failed", s.failed).put("tokens_split_across_workers", s.split)
                            .put("seconds", seconds);
                    run.set("statuses", Report.JSON.valueToTree(s.statuses));
                    run.set("whoami", calls);
                    long[] t = totals.computeIfAbsent(instance.contender, k -> new long[2]);
                    t[0] += calls.get("calls").asLong();
                    t[1] += calls.get("tokens").asLong();
                    maxPerToken.merge(instance.contender, calls.get("max").asInt(), Math::max);
                    minPerToken.merge(instance.contender, calls.get("min").asInt(), Math::min);
                    splitTokens.merge(instance.contender, s.split, Integer::sum);
                    log("token storm round " + round + " " + instance.contender + ": " + calls.get("calls").asLong() + " whoami calls for "
                            + calls.get("tokens").asLong() + " tokens (max " + calls.get("max").asInt() + " per token), "
                            + s.failed + " failed " + s.statuses + ", " + s.split + " tokens split across sync workers");
                }
                java.util.Collections.reverse(order);
            }
        } finally {
            backend.whoamiDelay(0);
        }
        Map<String, Double> perToken = new LinkedHashMap<>();
        totals.forEach((k, v) -> perToken.put(k, v[0] / (double) v[1]));
        out.set("whoami_calls_per_token", Report.JSON.valueToTree(perToken));
        out.set("max_calls_per_token", Report.JSON.valueToTree(maxPerToken));
        out.set("min_calls_per_token", Report.JSON.valueToTree(minPerToken));
        report.row(new Row("token storm", "whoami calls per token (" + STORM_CONCURRENCY + " concurrent first requests)", "",
                perToken.get("router"), perToken.get("nginx"), Goal.ROUTER_EXACTLY, 1.0,
                "per-token min/max: " + minPerToken + " / " + maxPerToken + "; tokens whose requests went to more than one sync worker: " + splitTokens));
    }

    private record StormResult(int requests, int failed, int split, Map<Integer, Integer> statuses) {
    }

    private StormResult stormRound(Instance instance, int from, int to) throws InterruptedException {
        int lanesPerBatch = STORM_TOKENS_PER_BATCH * STORM_CONCURRENCY;
        int failed = 0;
        int split = 0;
        int requests = 0;
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        try (HttpLanes lanes = new HttpLanes(new InetSocketAddress("127.0.0.1", instance.clientPort), lanesPerBatch, 30_000)) {
            for (int batch = from; batch < to; batch += STORM_TOKENS_PER_BATCH) {
                int first = batch;
                int count = Math.min(STORM_TOKENS_PER_BATCH, to - batch);
                List<java.util.concurrent.CompletableFuture<Reply>> replies = new ArrayList<>();
                for (int t = 0; t < count; t++) {
                    for (int k = 0; k < STORM_CONCURRENCY; k++) {
                        replies.add(lanes.send(t * STORM_CONCURRENCY + k, "GET", SYNC_PATH + "?timeout=0", backend.token(first + t)));
                    }
                }
                for (int t = 0; t < count; t++) {
                    Set<String> workers = new HashSet<>();
                    for (int k = 0; k < STORM_CONCURRENCY; k++) {
                        Reply r = replies.get(t * STORM_CONCURRENCY + k).join();
                        requests++;
                        statuses.merge(r.status(), 1, Integer::sum);
                        if (!r.ok()) {
                            failed++;
                        } else {
                            workers.add(r.servedBy());
                        }
                    }
                    if (workers.size() > 1) {
                        split++;
                    }
                }
            }
        }
        return new StormResult(requests, failed, split, statuses);
    }

    // ------------------------------------------------------------------ long-polls, start-up

    /**
     * Holds idle {@code /sync?timeout=30000} long-polls through a fresh instance of each proxy and reads
     * its memory: VmHWM (peak RSS) and PSS, summed over nginx's processes. Both proxies first hold the
     * same number; a proxy that needs only two descriptors per long-poll then takes more, up to what the
     * open-files limit allows, for the figure closest to the 10,000 target.
     */
    private void longPolls(ObjectNode out) throws Exception {
        long nofile = Limits.openFiles();
        // nginx+njs holds three descriptors per proxied long-poll (client, upstream, and the whoami cache
        // file the auth subrequest opened, which lives as long as the main request); the router two.
        int common = (int) Math.min(options.longPolls(), (nofile - 600) / 3);
        int most = (int) Math.min(options.longPolls(), (nofile - 400) / 2);
        out.put("requested", options.longPolls()).put("held_by_both", common).put("open_files_limit", nofile);
        Map<String, Double> hwm = new LinkedHashMap<>();
        Map<String, Double> extrapolated = new LinkedHashMap<>();
        Double routerMostHwm = null;
        int routerMost = 0;
        for (Contender c : contenders) {
            if (unavailable.containsKey(c.name())) {
                continue;
            }
            ObjectNode node = out.putObject(c.name());
            try (Instance instance = c.spawn("longpoll")) {
                instance.awaitReady(Duration.ofSeconds(30));
                // a little traffic first, so that the baseline is a warmed-up process
                wrk.run(instance.clientPort, options.connections(), 2, 5, Wrk.args("path", Instance.PLAIN_PATH));
                List<Long> pids = instance.pids();
                long rssBefore = ProcStats.statusKib(pids, "VmRSS");
                int fdsBefore = ProcStats.openFds(pids);
                node.put("rss_before_kib", rssBefore).put("fds_before", fdsBefore).put("processes", pids.size());
                long t0 = System.nanoTime();
                try (LongPollHold first = new LongPollHold(); LongPollHold more = new LongPollHold()) {
                    int held = holdPolls(instance, first, 0, common, t0);
                    ObjectNode phase = measure(node.putObject("phase_common"), pids, first, held, rssBefore, t0);
                    double fdsPerPoll = held > 0 ? (phase.get("fds").asInt() - fdsBefore) / (double) held : 0;
                    phase.put("fds_per_long_poll", fdsPerPoll);
                    double perPollKib = phase.get("kib_per_long_poll").asDouble();
                    hwm.put(c.name(), phase.get("vmhwm_kib").asDouble() / 1024.0);
                    extrapolated.put(c.name(), (phase.get("vmhwm_kib").asDouble()
                            + perPollKib * Math.max(0, options.longPolls() - held)) / 1024.0);
                    logPolls(c.name(), phase, held, fdsPerPoll);
                    if (fdsPerPoll <= 2.2 && most > common) {
                        int heldMore = holdPolls(instance, more, common, most - common, t0);
                        ObjectNode phase2 = measure(node.putObject("phase_most"), pids, more, held + heldMore, rssBefore, t0);
                        logPolls(c.name(), phase2, held + heldMore, fdsPerPoll);
                        if (c.name().equals("router")) {
                            routerMostHwm = phase2.get("vmhwm_kib").asDouble() / 1024.0;
                            routerMost = held + heldMore;
                        }
                    }
                }
            }
        }
        out.set("peak_rss_mib", Report.JSON.valueToTree(hwm));
        out.set("extrapolated_to_requested_mib", Report.JSON.valueToTree(extrapolated));
        report.row(new Row("long-polls", "peak RSS (VmHWM), " + common + " idle long-polls", "MiB", hwm.get("router"),
                hwm.get("nginx"), Goal.ROUTER_AT_MOST_NGINX, 0,
                "the open-files hard limit here is " + nofile + " per process (no CAP_SYS_RESOURCE to raise it), and nginx+njs "
                        + "needs 3 descriptors per long-poll, so both hold " + common + "; extrapolated to "
                        + options.longPolls() + " with each one's measured growth per long-poll: " + fmtMap(extrapolated) + " MiB"));
        if (routerMostHwm != null || unavailable.containsKey("router")) {
            report.row(new Row("long-polls", "router peak RSS, " + (routerMost > 0 ? routerMost : most) + " idle long-polls", "MiB",
                    routerMostHwm, null, Goal.ROUTER_AT_MOST, 300, null));
        }
    }

    /** Opens {@code count} long-polls (tokens from {@code firstToken}) and waits until the backend holds them. */
    private int holdPolls(Instance instance, LongPollHold hold, int firstToken, int count, long t0) throws Exception {
        int openBefore = backend.stats().get("open_polls").asInt();
        String host = "127.0.0.1:" + instance.clientPort;
        // The first polls are answered 30 s after they reach the backend: everything is measured before that.
        long budgetMs = Math.max(1000, 24_000 - (System.nanoTime() - t0) / 1_000_000);
        hold.open(new InetSocketAddress("127.0.0.1", instance.clientPort), count, 200,
                i -> "GET " + SYNC_PATH + "?timeout=30000 HTTP/1.1\r\nHost: " + host
                        + "\r\nAuthorization: Bearer " + backend.token(firstToken + i) + "\r\n\r\n", budgetMs);
        int held = 0;
        while ((System.nanoTime() - t0) / 1_000_000 < 25_000) {
            held = backend.stats().get("open_polls").asInt() - openBefore;
            if (held >= count) {
                break;
            }
            Thread.sleep(100);
        }
        return held;
    }

    private ObjectNode measure(ObjectNode node, List<Long> pids, LongPollHold hold, int held, long rssBefore, long t0)
            throws InterruptedException {
        Thread.sleep(500);
        long rss = ProcStats.statusKib(pids, "VmRSS");
        node.put("held_at_backend", held).put("sent", hold.sent()).put("failed", hold.failed())
                .put("answered_early", hold.answered()).put("closed_by_proxy", hold.closedByPeer())
                .put("seconds_since_start", (System.nanoTime() - t0) / 1e9)
                .put("rss_kib", rss).put("vmhwm_kib", ProcStats.statusKib(pids, "VmHWM"))
                .put("pss_kib", ProcStats.pssKib(pids)).put("fds", ProcStats.openFds(pids))
                .put("kib_per_long_poll", held > 0 ? (rss - rssBefore) / (double) held : 0);
        return node;
    }

    private static void logPolls(String name, ObjectNode phase, int held, double fdsPerPoll) {
        log("long-polls " + name + ": " + held + " held at the backend after " + String.format("%.1f", phase.get("seconds_since_start").asDouble())
                + " s; peak RSS " + Report.fmt(phase.get("vmhwm_kib").asDouble() / 1024.0) + " MiB, PSS "
                + Report.fmt(phase.get("pss_kib").asDouble() / 1024.0) + " MiB, "
                + String.format("%.1f KiB and %.1f descriptors", phase.get("kib_per_long_poll").asDouble(), fdsPerPoll)
                + " per long-poll; " + phase.get("failed").asInt() + " failed, " + phase.get("answered_early").asInt()
                + " answered early, " + phase.get("closed_by_proxy").asInt() + " closed");
    }

    private static String fmtMap(Map<String, Double> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(Report.fmt(v)));
        return sb.toString();
    }

    /**
     * Time from spawning a fresh process to its first successful proxied request, alternating contenders.
     * The router is measured as it is, and with an AppCDS archive made by one training run (the JDK 17
     * way to skip class loading and verification at start; an image build can make the archive once).
     */
    private void startup(ObjectNode out) throws Exception {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        ArrayNode runs = out.putArray("runs");
        List<String> order = new ArrayList<>();
        RouterContender router = null;
        List<String> cds = List.of();
        for (Contender c : contenders) {
            if (!unavailable.containsKey(c.name())) {
                order.add(c.name());
                if (c instanceof RouterContender r) {
                    router = r;
                }
            }
        }
        if (router != null) {
            Path archive = trainCdsArchive(router);
            if (archive != null) {
                cds = List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
                order.add(1, "router+cds");
                out.put("cds_archive_mib", Files.size(archive) / (1024.0 * 1024.0));
            }
        }
        int rounds = Math.max(3, options.rounds() + 2);
        for (int round = 1; round <= rounds; round++) {
            for (String name : order) {
                Instance instance = switch (name) {
                    case "router" -> router.spawn("startup" + round);
                    case "router+cds" -> router.spawn("startup-cds" + round, cds);
                    default -> contender(name).spawn("startup" + round);
                };
                try (instance) {
                    double ms = instance.awaitReady(Duration.ofSeconds(30));
                    times.computeIfAbsent(name, k -> new ArrayList<>()).add(ms);
                    runs.addObject().put("round", round).put("contender", name).put("ms", ms);
                    log("start-up round " + round + " " + name + ": " + Report.fmt(ms) + " ms");
                }
            }
            java.util.Collections.reverse(order);
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        times.forEach((k, v) -> medians.put(k, Stats.median(v)));
        out.set("median_ms", Report.JSON.valueToTree(medians));
        report.row(new Row("start-up", "spawn to first proxied 200 (median of " + rounds + ")", "ms", medians.get("router"),
                medians.get("nginx"), Goal.ROUTER_AT_MOST, 1000, null));
        if (medians.containsKey("router+cds")) {
            report.row(new Row("start-up", "the same, router with an AppCDS archive", "ms", medians.get("router+cds"),
                    medians.get("nginx"), Goal.ROUTER_AT_MOST, 1000,
                    "archive from one training run (-XX:ArchiveClassesAtExit), then -XX:SharedArchiveFile; "
                            + "recommended for production, made once per jar (e.g. at image build)"));
        }
    }

    private Contender contender(String name) {
        return contenders.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** One router run that serves a few requests and writes a dynamic CDS archive at exit; null if none came. */
    private Path trainCdsArchive(RouterContender router) throws Exception {
        Path archive = Files.createTempFile("router-", ".jsa");
        Files.delete(archive);
        try (Instance instance = router.spawn("cds-training", List.of("-XX:ArchiveClassesAtExit=" + archive))) {
            instance.awaitReady(Duration.ofSeconds(30));
            try (HttpLanes lanes = new HttpLanes(new InetSocketAddress("127.0.0.1", instance.clientPort), 4, 10_000)) {
                lanes.runAll(40, i -> new HttpLanes.Request("GET", i % 2 == 0 ? SYNC_PATH + "?timeout=0" : Instance.PLAIN_PATH,
                        backend.token(backend.tokenCount() - 1 - i)));
            }
        }
        if (!Files.exists(archive) || Files.size(archive) == 0) {
            log("no CDS archive was written; start-up is measured without it");
            return null;
        }
        archive.toFile().deleteOnExit();
        return archive;
    }

    // ------------------------------------------------------------------ helpers

    static void log(String line) {
        System.out.println("[" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + line);
        System.out.flush();
    }

    private static String firstLines(String text, int n) {
        return text == null ? "" : String.join(" | ", text.lines().limit(n).toList());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
