package io.synapserouter.bench.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one comparison run does, from {@code --key value} arguments (compare.sh passes them through).
 *
 * @param repo            the repository root (router jar, nginx template, wrk script are found from it)
 * @param benchmarksJar   the shaded benchmarks jar (backend and this harness)
 * @param routerJar       {@code proxy-launcher/target/synapse-router.jar}
 * @param routerJavaOpts  JVM flags for the router (the recommended production flags)
 * @param rounds          measured rounds per contender and scenario (alternating which goes first)
 * @param seconds         length of one measured wrk run
 * @param connections     wrk connections for the request-rate scenarios
 * @param proxyCpus       CPUs the proxy under test is pinned to ({@code taskset -c}); empty: not pinned
 * @param loadCpus        CPUs the backend, wrk and this harness are pinned to; empty: not pinned
 * @param longPolls       idle long-polls to hold (lowered to what the open-file limit allows)
 * @param scenarios       which scenarios to run
 * @param resultsDir      where the JSON and markdown results go
 * @param profile         record the router with JFR (in the run directory: use BENCH_KEEP=1)
 * @param p99Rate         the fixed request rate of the p99 scenario; 0: half of nginx's plain rate
 */
record Options(Path repo, Path benchmarksJar, Path routerJar, List<String> routerJavaOpts, int rounds, int seconds,
               int connections, String proxyCpus, String loadCpus, int longPolls, Set<String> scenarios,
               Path resultsDir, boolean profile, int p99Rate) {

    static final List<String> ALL_SCENARIOS =
            List.of("plain", "sticky", "storm", "upload", "p99", "longpoll", "startup");

    /** The router's recommended production flags; see benchmarks/README.md for why each is there. */
    static final String DEFAULT_ROUTER_JAVA_OPTS = "-Xms64m -Xmx256m -XX:+UseSerialGC";

    static Options parse(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
            }
            o.put(args[i].substring(2), args[++i]);
        }
        Path repo = Path.of(o.getOrDefault("repo", ".")).toAbsolutePath().normalize();
        Path benchJar = Path.of(o.getOrDefault("benchmarks-jar", repo.resolve("benchmarks/target/benchmarks.jar").toString()));
        Path routerJar = Path.of(o.getOrDefault("router-jar", repo.resolve("proxy-launcher/target/synapse-router.jar").toString()));
        List<String> javaOpts = Arrays.stream(o.getOrDefault("router-java-opts", DEFAULT_ROUTER_JAVA_OPTS).trim().split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
        int cpus = Runtime.getRuntime().availableProcessors();
        String defaultProxyCpus = "";
        String defaultLoadCpus = "";
        int online = onlineCpus();
        if (online >= 2) {
            // The proxy under test gets the last CPU to itself; backend, wrk and the harness share the rest.
            defaultProxyCpus = Integer.toString(online - 1);
            defaultLoadCpus = online == 2 ? "0" : "0-" + (online - 2);
        }
        Set<String> scenarios = new LinkedHashSet<>();
        for (String s : o.getOrDefault("scenarios", String.join(",", ALL_SCENARIOS)).split(",")) {
            if (!s.isBlank()) {
                if (!ALL_SCENARIOS.contains(s.trim())) {
                    throw new IllegalArgumentException("--scenarios: unknown '" + s + "', known: " + ALL_SCENARIOS);
                }
                scenarios.add(s.trim());
            }
        }
        boolean pin = !"0".equals(o.getOrDefault("pin", "1"));
        return new Options(repo, benchJar, routerJar, javaOpts,
                Integer.parseInt(o.getOrDefault("rounds", "3")),
                Integer.parseInt(o.getOrDefault("seconds", "8")),
                Integer.parseInt(o.getOrDefault("connections", "64")),
                pin ? o.getOrDefault("proxy-cpus", defaultProxyCpus) : "",
                pin ? o.getOrDefault("load-cpus", defaultLoadCpus) : "",
                Integer.parseInt(o.getOrDefault("long-polls", "10000")),
                scenarios,
                Path.of(o.getOrDefault("results", repo.resolve("benchmarks/results").toString())),
                "1".equals(o.getOrDefault("profile", "0")),
                Integer.parseInt(o.getOrDefault("p99-rate", "0")));
    }

    private static int onlineCpus() {
        try {
            String online = Files.readString(Path.of("/sys/devices/system/cpu/online")).trim();
            int count = 0;
            for (String part : online.split(",")) {
                String[] range = part.split("-");
                count += range.length == 1 ? 1 : Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
            }
            return count;
        } catch (Exception e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    boolean pinned() {
        return !proxyCpus.isEmpty();
    }

    /** How many CPUs the proxy gets: nginx's worker_processes and the router's event loops. */
    int proxyWorkers() {
        return pinned() ? cpuCount(proxyCpus) : onlineCpus();
    }

    int backendThreads() {
        return 2;
    }

    List<String> proxyPrefix() {
        return pinned() ? List.of("taskset", "-c", proxyCpus) : List.of();
    }

    List<String> loadPrefix() {
        return loadCpus.isEmpty() ? List.of() : List.of("taskset", "-c", loadCpus);
    }

    static int cpuCount(String list) {
        int count = 0;
        for (String part : list.split(",")) {
            String[] range = part.trim().split("-");
            count += range.length == 1 ? 1 : Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        }
        return count;
    }

    List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("rounds=" + rounds + " seconds=" + seconds + " connections=" + connections);
        out.add(pinned() ? "proxy pinned to CPU " + proxyCpus + ", backend/wrk/harness to CPU " + loadCpus : "not pinned");
        out.add("router JVM flags: " + String.join(" ", routerJavaOpts));
        return out;
    }
}
