package io.synapserouter.launcher.container.cli;

import io.synapserouter.launcher.docker.DockerEngine;
import io.synapserouter.launcher.docker.DockerHost;
import picocli.CommandLine.Option;

/** Which Engine to talk to: {@code --docker-host}, else {@code DOCKER_HOST}, else the default socket. */
final class EngineOptions {

    @Option(names = "--docker-host", paramLabel = "URI",
            description = "unix:///path or tcp://host:port. Default: $DOCKER_HOST, else " + DockerHost.DEFAULT)
    String dockerHost;

    DockerHost host() {
        return dockerHost == null ? DockerHost.fromEnvironment() : DockerHost.parse(dockerHost);
    }

    DockerEngine connect() {
        return DockerEngine.connect(host());
    }
}
