package io.synapserouter.bench.compare;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Listening ports for the proxies, chosen at run time below the ephemeral range (32768+), so that no
 * outgoing connection can take one between the choice and the proxy's bind.
 */
final class Ports {

    private Ports() {
    }

    static int free() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port found in 20000..32000 after 200 attempts");
    }
}
