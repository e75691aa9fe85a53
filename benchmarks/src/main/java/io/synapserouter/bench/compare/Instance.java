package io.synapserouter.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One running proxy process of a contender, on its own ports. */
final class Instance implements AutoCloseable {

    /** The request every readiness probe and the plain scenario send: it goes to main on both proxies. */
    static final String PLAIN_PATH = "/_matrix/client/v3/pushrules/";

    final String contender;
    final Proc proc;
    final int clientPort;
    final int federationPort;
    final Path dir;

    Instance(String contender, Proc proc, int clientPort, int federationPort, Path dir) {
        this.contender = contender;
        this.proc = proc;
        this.clientPort = clientPort;
        this.federationPort = federationPort;
        this.dir = dir;
    }

    /**
     * Polls a plain request through the proxy until main answers 200, and returns the time from the
     * process spawn to that answer in milliseconds.
     *
     * @throws IOException when the process dies or the timeout passes first, with its last log lines
     */
    double awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = proc.spawnNanos() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!proc.alive()) {
                throw new IOException(contender + " exited with " + proc.exitCode() + " before answering:\n" + proc.tail(30));
            }
            if (probe(clientPort)) {
                return (System.nanoTime() - proc.spawnNanos()) / 1e6;
            }
            Thread.sleep(2);
        }
        throw new IOException(contender + " did not answer a proxied request within " + timeout.toSeconds() + " s:\n" + proc.tail(30));
    }

    /** One request with a fresh connection; true when main answered 200. */
    static boolean probe(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + PLAIN_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[2048];
            int n = 0;
            int r;
            while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
                n += r;
                String head = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                if (head.contains("\r\n\r\n")) {
                    return head.startsWith("HTTP/1.1 200") && head.toLowerCase(java.util.Locale.ROOT).contains("x-served-by: main\r\n");
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    List<Long> pids() {
        return proc.pids();
    }

    @Override
    public void close() {
        proc.close();
    }
}
