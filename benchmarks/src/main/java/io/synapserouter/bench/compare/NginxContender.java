package io.synapserouter.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * nginx with njs, configured like the MDAD companion ({@code benchmarks/nginx/nginx.conf.template}),
 * started unprivileged in the foreground with its own prefix: every instance gets a fresh temp prefix,
 * so no whoami cache survives from one instance to the next.
 */
final class NginxContender implements Contender {

    static final Path JS_MODULE = Path.of("/usr/lib/nginx/modules/ngx_http_js_module.so");

    private final Options options;
    private final Backend backend;
    private final Path runDir;
    private int spawned;

    NginxContender(Options options, Backend backend, Path runDir) {
        this.options = options;
        this.backend = backend;
        this.runDir = runDir;
    }

    @Override
    public String name() {
        return "nginx";
    }

    @Override
    public String unavailableReason() {
        if (!Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
            return "nginx is not installed (apt-get install nginx libnginx-mod-http-js)";
        }
        if (!Files.exists(JS_MODULE)) {
            return "njs is not installed (apt-get install libnginx-mod-http-js)";
        }
        return null;
    }

    @Override
    public Instance spawn(String tag) throws IOException {
        Path prefix = Files.createDirectories(runDir.resolve("nginx-" + (++spawned) + "-" + tag));
        int client = Ports.free();
        int federation = Ports.free();
        Path template = options.repo().resolve("benchmarks/nginx/nginx.conf.template");
        Files.copy(options.repo().resolve("benchmarks/nginx/synapse_user.js"), prefix.resolve("synapse_user.js"));
        String conf = render(Files.readString(template), Map.ofEntries(
                Map.entry("PREFIX", prefix.toString()),
                Map.entry("WORKERS", Integer.toString(options.proxyWorkers())),
                Map.entry("NOFILE", Long.toString(Limits.openFiles())),
                Map.entry("JS_MODULE", JS_MODULE.toString()),
                Map.entry("CLIENT_PORT", Integer.toString(client)),
                Map.entry("FEDERATION_PORT", Integer.toString(federation)),
                Map.entry("MAIN", Integer.toString(backend.port("main"))),
                Map.entry("MAIN_FEDERATION", Integer.toString(backend.port("main_federation"))),
                Map.entry("SYNC_SERVERS", servers(backend.pool("sync"))),
                Map.entry("ROOM_SERVERS", servers(backend.pool("room"))),
                Map.entry("CLIENT_READER_SERVERS", servers(backend.pool("client_reader"))),
                Map.entry("MEDIA_SERVERS", servers(backend.pool("media_repository"))),
                Map.entry("FEDERATION_READER_SERVERS", servers(backend.pool("federation_reader")))));
        Path confFile = prefix.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        List<String> cmd = new ArrayList<>(options.proxyPrefix());
        cmd.addAll(unprivileged(prefix));
        cmd.addAll(List.of("/usr/sbin/nginx", "-p", prefix.toString(), "-c", confFile.toString(), "-e", prefix.resolve("error.log").toString()));
        Proc proc = Proc.start("nginx-" + tag, cmd, prefix.resolve("stdout.log"), prefix);
        return new Instance(name(), proc, client, federation, prefix);
    }

    /**
     * Run as root, nginx would keep a root master and switch its workers to {@code nobody}; like MDAD's
     * container we run all of it unprivileged instead: the prefix is handed to {@code nobody} and nginx
     * starts under {@code setpriv}. Not root: nginx already runs as the current user.
     */
    private static List<String> unprivileged(Path prefix) throws IOException {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            return List.of();
        }
        try {
            // the run directory must be traversable by nobody (it is created private)
            Files.setPosixFilePermissions(prefix.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
            Proc.run(List.of("chown", "-R", "nobody:nogroup", prefix.toString()), 30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while preparing the nginx prefix", e);
        }
        return List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");
    }

    static String render(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("@@" + e.getKey() + "@@", e.getValue());
        }
        int left = out.indexOf("@@");
        if (left >= 0) {
            throw new IllegalStateException("nginx template has an unfilled placeholder near: "
                    + out.substring(left, Math.min(out.length(), left + 40)));
        }
        return out;
    }

    private static String servers(List<Integer> ports) {
        return ports.stream().map(p -> "        server 127.0.0.1:" + p + ";").collect(Collectors.joining("\n"));
    }

    @Override
    public String version() {
        try {
            String nginx = Proc.run(List.of("/usr/sbin/nginx", "-v"), 10).trim();
            String njs = Proc.run(List.of("dpkg-query", "-W", "-f", "${Version}", "libnginx-mod-http-js"), 10).trim();
            return nginx.replace("nginx version: ", "") + ", njs (libnginx-mod-http-js) " + njs;
        } catch (IOException | InterruptedException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
