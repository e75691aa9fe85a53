package io.synapserouter.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 200 MiB each way through a proxy running in a separate JVM capped at {@code -Xmx64m} (which also caps
 * direct memory at 64 MiB): only a streaming proxy with back-pressure survives that, and the bytes must
 * arrive identical. The client streams too, hashing as it goes.
 */
class LargeTransferTest {

    private static final long SIZE = 200L * 1024 * 1024;

    private static TestBackend backend;
    private static Process proxy;
    private static BufferedReader proxyOut;
    private static File proxyErr;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        backend = TestBackend.start("large");
        proxyErr = File.createTempFile("forked-proxy", ".log");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        proxy = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                ForkedProxyMain.class.getName(), String.valueOf(backend.port())))
                .redirectError(proxyErr)
                .start();
        proxyOut = new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.US_ASCII));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return proxyOut.readLine();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String line = first.get(60, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("PORT ")) {
            throw new AssertionError("forked proxy did not start: " + line + "\n" + Files.readString(proxyErr.toPath()));
        }
        port = Integer.parseInt(line.substring(5).trim());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (proxy != null) {
                proxy.getOutputStream().close();
                String heap = proxyOut.readLine();
                System.out.println("forked proxy (-Xmx64m) peak heap: " + heap);
                if (!proxy.waitFor(20, TimeUnit.SECONDS)) {
                    proxy.destroyForcibly();
                    throw new AssertionError("forked proxy did not exit");
                }
                assertThat(proxy.exitValue()).isZero();
            }
        } finally {
            if (proxy != null && proxy.isAlive()) {
                proxy.destroyForcibly();
            }
            backend.close();
            if (proxyErr != null) {
                Files.deleteIfExists(proxyErr.toPath());
            }
        }
    }

    @Test
    void twoHundredMebibyteUploadArrivesIdenticalThroughA64MiBHeapProxy() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /upload HTTP/1.1\r\nHost: h\r\nContent-Length: " + SIZE + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            DataPattern pattern = new DataPattern(100);
            MessageDigest sent = DataPattern.newDigest();
            byte[] chunk = new byte[128 * 1024];
            long start = System.nanoTime();
            for (long left = SIZE; left > 0; ) {
                int n = (int) Math.min(chunk.length, left);
                pattern.fill(chunk, 0, n);
                sent.update(chunk, 0, n);
                out.write(chunk, 0, n);
                left -= n;
            }
            out.flush();
            String answer = readSmallBody(socket.getInputStream());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("upload: %d MiB in %.2f s = %.1f MB/s (incl. pattern generation and hashing)%n",
                    SIZE >> 20, seconds, SIZE / 1e6 / seconds);
            assertThat(answer).isEqualTo("bytes=" + SIZE + " sha256=" + HexFormat.of().formatHex(sent.digest()));
        }
        assertThat(proxy.isAlive()).isTrue();
    }

    @Test
    void twoHundredMebibyteChunkedDownloadArrivesIdenticalThroughA64MiBHeapProxy() throws Exception {
        CompletableFuture<String> expected = CompletableFuture.supplyAsync(() -> DataPattern.sha256(200, SIZE));
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("GET /download?bytes=" + SIZE + "&seed=200&mode=chunked HTTP/1.1\r\nHost: h\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            RawChunkedReader reader = new RawChunkedReader(socket.getInputStream());
            String head = reader.head();
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
            MessageDigest digest = DataPattern.newDigest();
            long received = reader.body(digest);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("download: %d MiB in %.2f s = %.1f MB/s (incl. hashing)%n", received >> 20, seconds, received / 1e6 / seconds);
            assertThat(received).isEqualTo(SIZE);
            assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(expected.get(60, TimeUnit.SECONDS));
        }
        assertThat(proxy.isAlive()).isTrue();
    }

    private static Socket connect() throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(60_000);
        return socket;
    }

    private static String readSmallBody(InputStream in) throws Exception {
        RawChunkedReader reader = new RawChunkedReader(in);
        String head = reader.head();
        int length = -1;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return new String(reader.bytes(length), StandardCharsets.UTF_8);
    }

    /** Parses a response head and a chunked body straight off the socket, hashing the data. */
    private static final class RawChunkedReader {
        private final InputStream in;

        RawChunkedReader(InputStream in) {
            this.in = new java.io.BufferedInputStream(in, 256 * 1024);
        }

        String head() throws Exception {
            StringBuilder sb = new StringBuilder();
            String line;
            while (!(line = line()).isEmpty()) {
                sb.append(line).append("\r\n");
            }
            return sb.toString();
        }

        byte[] bytes(int length) throws Exception {
            return in.readNBytes(length);
        }

        long body(MessageDigest digest) throws Exception {
            byte[] buffer = new byte[256 * 1024];
            long total = 0;
            while (true) {
                String size = line();
                int semi = size.indexOf(';');
                long chunk = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (chunk == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    return total;
                }
                while (chunk > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, chunk));
                    if (n < 0) {
                        throw new java.io.EOFException("body cut short after " + total + " bytes");
                    }
                    digest.update(buffer, 0, n);
                    chunk -= n;
                    total += n;
                }
                line();
            }
        }

        private String line() throws Exception {
            StringBuilder sb = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    sb.append((char) b);
                }
            }
            return sb.toString();
        }
    }
}
