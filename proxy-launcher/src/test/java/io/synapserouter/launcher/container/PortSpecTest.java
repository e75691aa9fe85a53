package io.synapserouter.launcher.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortSpecTest {

    @Test
    void everyDockerSpellingParsesAndPrintsBack() {
        assertThat(PortSpec.parse("127.0.0.1:8008:8008")).isEqualTo(new PortSpec("127.0.0.1", 8008, 8008, "tcp"));
        assertThat(PortSpec.parse("127.0.0.1::8008")).isEqualTo(new PortSpec("127.0.0.1", 0, 8008, "tcp"));
        assertThat(PortSpec.parse("8448:8448/udp")).isEqualTo(new PortSpec("", 8448, 8448, "udp"));
        assertThat(PortSpec.parse("9000")).isEqualTo(new PortSpec("", 0, 9000, "tcp"));
        assertThat(PortSpec.parse("[::1]:8008:8008")).isEqualTo(new PortSpec("::1", 8008, 8008, "tcp"));

        for (String text : new String[] {"127.0.0.1:8008:8008/tcp", "127.0.0.1::8008/tcp", "8448:8448/udp", "9000/tcp", "[::1]:8008:8008/tcp"}) {
            assertThat(PortSpec.parse(text)).hasToString(text);
        }
        assertThat(PortSpec.parse("127.0.0.1:8008:8008").containerKey()).isEqualTo("8008/tcp");
    }

    @Test
    void badPortsSayWhatIsWrong() {
        assertThatThrownBy(() -> PortSpec.parse("127.0.0.1:0:8008")).hasMessageContaining("'0' is not a port");
        assertThatThrownBy(() -> PortSpec.parse("8008:8008/sctp")).hasMessageContaining("tcp or udp");
        assertThatThrownBy(() -> PortSpec.parse("a:b:c:d")).hasMessageContaining("expected");
        assertThatThrownBy(() -> PortSpec.parse("127.0.0.1:http:8008")).hasMessageContaining("'http' is not a port");
    }
}
