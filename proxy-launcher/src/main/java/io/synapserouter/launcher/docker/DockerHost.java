package io.synapserouter.launcher.docker;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the Docker Engine listens, as {@code DOCKER_HOST} spells it: {@code unix:///path/to/docker.sock}
 * or {@code tcp://host:port} (plain HTTP; TLS is not supported).
 *
 * @param uri        the original spelling, for messages and dry-run output
 * @param socketPath the Unix socket, or null for TCP
 * @param host       the TCP host, or null for a Unix socket
 * @param port       the TCP port, or 0 for a Unix socket
 */
public record DockerHost(String uri, Path socketPath, String host, int port) {

    public static final String DEFAULT = "unix:///var/run/docker.sock";

    public boolean isUnix() {
        return socketPath != null;
    }

    /** {@code DOCKER_HOST} from the environment, else the Engine's default socket. */
    public static DockerHost fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static DockerHost fromEnvironment(Map<String, String> env) {
        String value = env.get("DOCKER_HOST");
        return parse(value == null || value.isBlank() ? DEFAULT : value.trim());
    }

    public static DockerHost parse(String value) {
        if (value.startsWith("unix://")) {
            String path = value.substring("unix://".length());
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("DOCKER_HOST '" + value + "': a unix socket path must be absolute (unix:///path)");
            }
            return new DockerHost(value, Path.of(path), null, 0);
        }
        if (value.startsWith("tcp://")) {
            try {
                URI uri = new URI(value);
                if (uri.getHost() == null || uri.getPort() <= 0) {
                    throw new IllegalArgumentException("DOCKER_HOST '" + value + "': expected tcp://host:port");
                }
                return new DockerHost(value, null, uri.getHost(), uri.getPort());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("DOCKER_HOST '" + value + "': " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("DOCKER_HOST '" + value + "': only unix:// and tcp:// are supported");
    }

    @Override
    public String toString() {
        return uri;
    }
}
