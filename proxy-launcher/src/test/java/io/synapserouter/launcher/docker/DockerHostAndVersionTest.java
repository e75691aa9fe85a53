package io.synapserouter.launcher.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerHostAndVersionTest {

    @Test
    void unixAndTcpHostsAreUnderstood() {
        DockerHost unix = DockerHost.parse("unix:///tmp/x/docker.sock");
        assertThat(unix.isUnix()).isTrue();
        assertThat(unix.socketPath()).isEqualTo(Path.of("/tmp/x/docker.sock"));

        DockerHost tcp = DockerHost.parse("tcp://127.0.0.1:2375");
        assertThat(tcp.isUnix()).isFalse();
        assertThat(tcp.host()).isEqualTo("127.0.0.1");
        assertThat(tcp.port()).isEqualTo(2375);
    }

    @Test
    void withoutDockerHostTheDefaultSocketIsUsed() {
        assertThat(DockerHost.fromEnvironment(Map.of()).socketPath()).isEqualTo(Path.of("/var/run/docker.sock"));
        assertThat(DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "unix:///run/d.sock")).socketPath())
                .isEqualTo(Path.of("/run/d.sock"));
    }

    @Test
    void unsupportedHostsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> DockerHost.parse("ssh://box")).hasMessageContaining("ssh://box");
        assertThatThrownBy(() -> DockerHost.parse("unix://relative.sock")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> DockerHost.parse("tcp://host-without-port")).hasMessageContaining("tcp://host:port");
    }

    @Test
    void theLowerOfTheEnginesAndOurApiVersionIsSpoken() {
        assertThat(ApiVersion.negotiate(ApiVersion.parse("1.47"))).isEqualTo(ApiVersion.OURS);
        assertThat(ApiVersion.negotiate(ApiVersion.parse("1.40"))).isEqualTo(new ApiVersion(1, 40));
        // numeric, not textual: 1.9 is older than 1.41
        assertThat(ApiVersion.parse("1.9")).isLessThan(ApiVersion.parse("1.41"));
        assertThatThrownBy(() -> ApiVersion.parse("v1")).hasMessageContaining("v1");
    }
}
