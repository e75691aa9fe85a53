package io.synapserouter.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxTemplateTest {

    private static final Path TEMPLATE = Path.of("nginx/nginx.conf.template");

    static Map<String, String> values(Path prefix) {
        Map<String, String> v = new HashMap<>();
        v.put("PREFIX", prefix.toString());
        v.put("WORKERS", "1");
        v.put("NOFILE", "4096");
        v.put("JS_MODULE", NginxContender.JS_MODULE.toString());
        v.put("CLIENT_PORT", "28008");
        v.put("FEDERATION_PORT", "28048");
        v.put("MAIN", "28100");
        v.put("MAIN_FEDERATION", "28101");
        for (String pool : List.of("SYNC", "ROOM", "CLIENT_READER", "MEDIA", "FEDERATION_READER")) {
            v.put(pool + "_SERVERS", "        server 127.0.0.1:28200;\n        server 127.0.0.1:28201;");
        }
        return v;
    }

    @Test
    void everyPlaceholderIsFilled() throws Exception {
        String conf = NginxContender.render(Files.readString(TEMPLATE), values(Path.of("/tmp/x")));

        assertThat(conf).doesNotContain("@@")
                .contains("hash $user consistent;")
                .contains("hash $room_name consistent;")
                .contains("auth_request /_synapse_user;")
                .contains("proxy_cache_key $http_authorization;")
                .contains("listen 127.0.0.1:28008");
    }

    @Test
    void aPlaceholderLeftUnfilledIsAnError() throws Exception {
        Map<String, String> v = values(Path.of("/tmp/x"));
        v.remove("SYNC_SERVERS");

        assertThatThrownBy(() -> NginxContender.render(Files.readString(TEMPLATE), v))
                .hasMessageContaining("@@SYNC_SERVERS@@");
    }

    @Test
    void nginxAcceptsTheRenderedConfig(@TempDir Path prefix) throws Exception {
        // .ci/run installs nginx and njs; without them this fails rather than skipping unseen.
        assertThat(Files.isExecutable(Path.of("/usr/sbin/nginx")) && Files.exists(NginxContender.JS_MODULE))
                .as("nginx with njs installed (apt-get install nginx libnginx-mod-http-js)").isTrue();
        Files.copy(Path.of("nginx/synapse_user.js"), prefix.resolve("synapse_user.js"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, NginxContender.render(Files.readString(TEMPLATE), values(prefix)));

        String out = Proc.run(List.of("/usr/sbin/nginx", "-t", "-p", prefix.toString(), "-c", conf.toString(),
                "-e", prefix.resolve("error.log").toString()), 30);

        assertThat(out).contains("test is successful");
    }
}
