package io.synapserouter.launcher.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.synapserouter.launcher.docker.internal.AttachHandler;
import io.synapserouter.launcher.docker.internal.EngineConnector;
import io.synapserouter.launcher.docker.internal.EngineExchange;
import io.synapserouter.launcher.docker.internal.EngineResponse;
import io.synapserouter.launcher.docker.internal.OutputPump;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Docker Engine, reached through {@link DockerHost}. Every method blocks its caller until the Engine
 * has answered (bounded by {@link #DEFAULT_TIMEOUT} unless the call says otherwise) and throws
 * {@link DockerException} for an error answer or an unreachable Engine. Thread-safe.
 *
 * <pre>{@code
 * try (DockerEngine engine = DockerEngine.connect(DockerHost.fromEnvironment())) {
 *     String id = engine.createContainer("web", createBody);
 *     engine.connectNetwork("backend", id, List.of("web"));
 *     engine.startContainer(id);
 * }
 * }</pre>
 */
public final class DockerEngine implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** How long a stop may take beyond its grace: the Engine kills, then reaps. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerHost host;
    private final EngineConnector connector;
    private final EngineVersion version;
    private final String prefix;

    private DockerEngine(DockerHost host, EngineConnector connector, EngineVersion version) {
        this.host = host;
        this.connector = connector;
        this.version = version;
        this.prefix = "/v" + version.negotiated();
    }

    /** Connects and negotiates the API version: the lower of the Engine's newest and {@link ApiVersion#OURS}. */
    public static DockerEngine connect(DockerHost host) {
        EngineConnector connector = new EngineConnector(host);
        try {
            // Unversioned on purpose: /version answers at any API version.
            EngineResponse response = call(host, connector, HttpMethod.GET, "/version", null, DEFAULT_TIMEOUT, "read the Engine version");
            if (!response.isSuccess()) {
                throw new DockerException("read the Engine version", response.status(), message(response));
            }
            JsonNode body = parse(response, "read the Engine version");
            ApiVersion max = ApiVersion.parse(body.path("ApiVersion").asText(null));
            String min = body.path("MinAPIVersion").asText(null);
            ApiVersion negotiated = ApiVersion.negotiate(max);
            if (negotiated.compareTo(ApiVersion.OLDEST) < 0) {
                throw new DockerException("negotiate the API version", "the Engine at " + host + " speaks API " + max
                        + " at most; this launcher needs " + ApiVersion.OLDEST + " or newer", null);
            }
            EngineVersion version = new EngineVersion(body.path("Version").asText("?"), max,
                    min == null ? negotiated : ApiVersion.parse(min), negotiated);
            return new DockerEngine(host, connector, version);
        } catch (RuntimeException e) {
            connector.close();
            throw e;
        }
    }

    public DockerHost host() {
        return host;
    }

    public EngineVersion version() {
        return version;
    }

    // ---- containers ----

    /** {@code POST /containers/create?name=}: returns the new container's id. */
    public String createContainer(String name, ObjectNode body) {
        String op = "create container '" + name + "'";
        EngineResponse response = request(HttpMethod.POST, "/containers/create?name=" + encode(name), body, DEFAULT_TIMEOUT, op);
        if (response.status() == 404) {
            String message = message(response);
            String image = body.path("Image").asText();
            String lower = message.toLowerCase();
            String explanation = lower.contains("image")
                    ? "image '" + image + "' is not present on the Engine (pull or build it first)"
                    : lower.contains("network")
                    ? "network '" + body.path("HostConfig").path("NetworkMode").asText() + "' does not exist (docker network create it first)"
                    : "the Engine could not find something it needs";
            throw new DockerException(op, 404, explanation + ": " + message);
        }
        if (response.status() == 409) {
            throw new DockerException(op, 409, "the name is already in use: " + message(response));
        }
        expectSuccess(response, op);
        return parse(response, op).path("Id").asText();
    }

    /** {@code POST /networks/{network}/connect} with the given aliases. */
    public void connectNetwork(String network, String container, List<String> aliases) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Container", container);
        ObjectNode endpoint = body.putObject("EndpointConfig");
        if (!aliases.isEmpty()) {
            aliases.forEach(endpoint.putArray("Aliases")::add);
        }
        String op = "connect container '" + container + "' to network '" + network + "'";
        EngineResponse response = request(HttpMethod.POST, "/networks/" + encode(network) + "/connect", body, DEFAULT_TIMEOUT, op);
        if (response.status() == 404) {
            throw new DockerException(op, 404, (message(response).toLowerCase().contains("network")
                    ? "network '" + network + "' does not exist (docker network create it first): "
                    : "no such container: ") + message(response));
        }
        expectSuccess(response, op);
    }

    /** {@code POST /containers/{id}/start}; starting a running container is not an error. */
    public void startContainer(String container) {
        String op = "start container '" + container + "'";
        EngineResponse response = request(HttpMethod.POST, "/containers/" + encode(container) + "/start", null, DEFAULT_TIMEOUT, op);
        if (response.status() != 304) {
            expectSuccess(response, op);
        }
    }

    /**
     * {@code POST /containers/{id}/stop?t=}: returns false when it was not running (304) or is gone (404).
     */
    public boolean stopContainer(String container, Duration grace) {
        String op = "stop container '" + container + "'";
        EngineResponse response = request(HttpMethod.POST,
                "/containers/" + encode(container) + "/stop?t=" + Math.max(0, grace.toSeconds()), null,
                grace.plus(STOP_MARGIN), op);
        if (response.status() == 304 || response.status() == 404) {
            return false;
        }
        expectSuccess(response, op);
        return true;
    }

    /**
     * {@code DELETE /containers/{id}?force=}. Returns false when the container was already gone (404)
     * or its removal is already in progress (409 "removal … already in progress", as after {@code --rm}).
     */
    public boolean removeContainer(String container, boolean force) {
        String op = "remove container '" + container + "'";
        EngineResponse response = request(HttpMethod.DELETE,
                "/containers/" + encode(container) + "?force=" + force, null, DEFAULT_TIMEOUT, op);
        if (response.status() == 404) {
            return false;
        }
        if (response.status() == 409 && message(response).toLowerCase().contains("in progress")) {
            return false;
        }
        expectSuccess(response, op);
        return true;
    }

    /** {@code GET /containers/{id}/json}, or empty when there is no such container. */
    public Optional<ContainerInfo> inspectContainer(String container) {
        String op = "inspect container '" + container + "'";
        EngineResponse response = request(HttpMethod.GET, "/containers/" + encode(container) + "/json", null, DEFAULT_TIMEOUT, op);
        if (response.status() == 404) {
            return Optional.empty();
        }
        expectSuccess(response, op);
        JsonNode body = parse(response, op);
        JsonNode state = body.path("State");
        JsonNode health = state.path("Health").path("Status");
        List<String> networks = new ArrayList<>();
        body.path("NetworkSettings").path("Networks").fieldNames().forEachRemaining(networks::add);
        Map<String, List<String>> ports = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.path("NetworkSettings").path("Ports").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> port = it.next();
            List<String> bindings = new ArrayList<>();
            for (JsonNode binding : port.getValue()) {
                bindings.add(binding.path("HostIp").asText() + ":" + binding.path("HostPort").asText());
            }
            ports.put(port.getKey(), bindings);
        }
        String name = body.path("Name").asText();
        return Optional.of(new ContainerInfo(body.path("Id").asText(), name.startsWith("/") ? name.substring(1) : name,
                state.path("Status").asText(), state.path("Running").asBoolean(), state.path("ExitCode").asInt(),
                instant(state.path("StartedAt").asText("")),
                health.isMissingNode() || health.isNull() || health.asText().isEmpty() ? null : health.asText(),
                networks, ports));
    }

    /**
     * {@code POST /containers/{id}/wait?condition=not-running}: completes with the exit code once the
     * container is not running. Not bounded: the container may run for months.
     */
    public CompletableFuture<Integer> waitForExit(String container) {
        String op = "wait for container '" + container + "'";
        return EngineExchange.send(connector, HttpMethod.POST,
                        prefix + "/containers/" + encode(container) + "/wait?condition=not-running", null)
                .thenApply(response -> {
                    expectSuccess(response, op);
                    JsonNode body = parse(response, op);
                    String error = body.path("Error").path("Message").asText("");
                    if (!error.isEmpty()) {
                        throw new DockerException(op, response.status(), error);
                    }
                    return body.path("StatusCode").asInt();
                });
    }

    /**
     * {@code POST /containers/{id}/attach?stream=1&stdout=1&stderr=1}: copies the container's output to
     * {@code out} and {@code err} until its output closes. Returns once the Engine has accepted the
     * attach, so calling this before {@link #startContainer} loses no early output.
     */
    public Attachment attach(String container, OutputStream out, OutputStream err) {
        String op = "attach to container '" + container + "'";
        OutputPump pump = new OutputPump(out, err, "docker-attach-" + container);
        CompletableFuture<EngineResponse> established = new CompletableFuture<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        ChannelFuture connect = connector.connect(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec()).addLast(new AttachHandler(pump, established, ended));
            }
        });
        connect.addListener(connected -> {
            if (!connected.isSuccess()) {
                established.completeExceptionally(connected.cause());
                return;
            }
            connect.channel().writeAndFlush(EngineExchange.request(HttpMethod.POST, 
                    prefix + "/containers/" + encode(container) + "/attach?stream=1&stdout=1&stderr=1", null));
        });
        EngineResponse response;
        try {
            response = await(established, DEFAULT_TIMEOUT, op);
        } catch (RuntimeException e) {
            connect.channel().close();
            pump.finish();
            throw e;
        }
        if (response.status() != 200 && response.status() != 101) {
            connect.channel().close();
            pump.finish();
            throw new DockerException(op, response.status(), message(response));
        }
        return new Attachment(connect.channel(), ended, pump);
    }

    // ---- images and networks ----

    public boolean imageExists(String image) {
        String op = "inspect image '" + image + "'";
        EngineResponse response = request(HttpMethod.GET, "/images/" + image + "/json", null, DEFAULT_TIMEOUT, op);
        if (response.status() == 404) {
            return false;
        }
        expectSuccess(response, op);
        return true;
    }

    public boolean networkExists(String network) {
        String op = "inspect network '" + network + "'";
        EngineResponse response = request(HttpMethod.GET, "/networks/" + encode(network), null, DEFAULT_TIMEOUT, op);
        if (response.status() == 404) {
            return false;
        }
        expectSuccess(response, op);
        return true;
    }

    /** {@code POST /networks/create} (a bridge network): returns its id. */
    public String createNetwork(String name, Map<String, String> labels) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Name", name);
        body.put("CheckDuplicate", true);
        ObjectNode labelNode = body.putObject("Labels");
        labels.forEach(labelNode::put);
        String op = "create network '" + name + "'";
        EngineResponse response = request(HttpMethod.POST, "/networks/create", body, DEFAULT_TIMEOUT, op);
        expectSuccess(response, op);
        return parse(response, op).path("Id").asText();
    }

    /** {@code DELETE /networks/{id}}: returns false when it did not exist. */
    public boolean removeNetwork(String network) {
        String op = "remove network '" + network + "'";
        EngineResponse response = request(HttpMethod.DELETE, "/networks/" + encode(network), null, DEFAULT_TIMEOUT, op);
        if (response.status() == 404) {
            return false;
        }
        expectSuccess(response, op);
        return true;
    }

    /** Names of the containers (any state) whose name starts with {@code prefix}. */
    public List<String> containerNamesStartingWith(String prefix) {
        String filter = encode("{\"name\":[\"^/" + prefix + "\"]}");
        String op = "list containers";
        EngineResponse response = request(HttpMethod.GET, "/containers/json?all=true&filters=" + filter, null, DEFAULT_TIMEOUT, op);
        expectSuccess(response, op);
        List<String> names = new ArrayList<>();
        for (JsonNode container : parse(response, op)) {
            for (JsonNode name : container.path("Names")) {
                String n = name.asText().startsWith("/") ? name.asText().substring(1) : name.asText();
                if (n.startsWith(prefix)) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    @Override
    public void close() {
        connector.close();
    }

    // ---- plumbing ----

    private EngineResponse request(HttpMethod method, String path, JsonNode body, Duration timeout, String op) {
        byte[] bytes;
        try {
            bytes = body == null ? null : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a request body", e);
        }
        return call(host, connector, method, prefix + path, bytes, timeout, op);
    }

    private static EngineResponse call(DockerHost host, EngineConnector connector, HttpMethod method, String uri,
                                       byte[] body, Duration timeout, String op) {
        CompletableFuture<EngineResponse> future = EngineExchange.send(connector, method, uri, body);
        try {
            return await(future, timeout, op);
        } catch (DockerException e) {
            if (e.status() == DockerException.UNREACHABLE) {
                throw new DockerException(op, "cannot reach the Docker Engine at " + host + ": "
                        + e.engineMessage(), e.getCause());
            }
            throw e;
        }
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout, String op) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DockerException(op, "no answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new DockerException(op, "interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DockerException de) {
                throw de;
            }
            throw new DockerException(op, String.valueOf(cause.getMessage()), cause);
        }
    }

    private static void expectSuccess(EngineResponse response, String op) {
        if (!response.isSuccess()) {
            throw new DockerException(op, response.status(), message(response));
        }
    }

    /** The Engine's {@code {"message": "…"}}, or the raw body when it is not that. */
    static String message(EngineResponse response) {
        String text = response.bodyText().trim();
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON: the raw text is the best we have
        }
        return text.isEmpty() ? "(no message)" : text;
    }

    private static JsonNode parse(EngineResponse response, String op) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new DockerException(op, response.status(), "unreadable answer: " + e.getMessage());
        }
    }

    /** The Engine's RFC 3339 times; it says {@code 0001-01-01T00:00:00Z} for "never". */
    private static Instant instant(String text) {
        try {
            Instant instant = Instant.parse(text);
            return instant.getEpochSecond() <= 0 ? null : instant;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
