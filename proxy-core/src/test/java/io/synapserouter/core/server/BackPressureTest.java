package io.synapserouter.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A slow reader on either side stalls the other side instead of making the proxy buffer the body.
 * The bound allows for the kernel socket buffers along the way (Linux autotunes them to tens of MiB),
 * far below the body size that a buffering proxy would absorb.
 */
class BackPressureTest {

    private static final long SIZE = 160L * 1024 * 1024;
    private static final long BOUND = 80L * 1024 * 1024;

    private static TestBackend backend;
    private static TestProxy proxy;

    @BeforeAll
    static void start() {
        backend = TestBackend.start("pressure");
        proxy = TestProxy.builder().backend(backend.port()).maxBody(SIZE).start();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        backend.close();
    }

    @Test
    void slowReadingClientPausesTheUpstreamInsteadOfBuffering() throws Exception {
        long generatedBefore = backend.generatedBytes.get();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(128 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", proxy.port()));
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /download?bytes=" + SIZE + "&seed=21 HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            MessageDigest digest = DataPattern.newDigest();
            byte[] buffer = new byte[64 * 1024];
            // Read the head and about 1 MiB of body, then stall.
            int headLength = readHead(in);
            long received = 0;
            while (received < 1024 * 1024) {
                int n = in.read(buffer);
                digest.update(buffer, 0, n);
                received += n;
            }
            Thread.sleep(1_500);
            long stalledAt = backend.generatedBytes.get() - generatedBefore;
            Thread.sleep(500);
            long stillAt = backend.generatedBytes.get() - generatedBefore;
            assertThat(stalledAt).as("bytes generated while the client does not read").isLessThan(BOUND);
            assertThat(stillAt - stalledAt).as("the upstream is paused, not trickling into a buffer").isLessThan(1024 * 1024);
            while (received < SIZE) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, SIZE - received));
                if (n < 0) {
                    break;
                }
                digest.update(buffer, 0, n);
                received += n;
            }
            assertThat(headLength).isPositive();
            assertThat(received).isEqualTo(SIZE);
            assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(DataPattern.sha256(21, SIZE));
        }
    }

    @Test
    void slowReadingUpstreamPausesTheClientInsteadOfBuffering() throws Exception {
        AtomicLong written = new AtomicLong();
        try (Socket socket = new Socket()) {
            socket.setSendBufferSize(128 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", proxy.port()));
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /slow-reader HTTP/1.1\r\nHost: h\r\nContent-Length: " + SIZE + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<String> sent = CompletableFuture.supplyAsync(() -> {
                try {
                    DataPattern pattern = new DataPattern(22);
                    MessageDigest digest = DataPattern.newDigest();
                    byte[] chunk = new byte[64 * 1024];
                    long left = SIZE;
                    while (left > 0) {
                        int n = (int) Math.min(chunk.length, left);
                        pattern.fill(chunk, 0, n);
                        digest.update(chunk, 0, n);
                        out.write(chunk, 0, n);
                        written.addAndGet(n);
                        left -= n;
                    }
                    out.flush();
                    return HexFormat.of().formatHex(digest.digest());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1_500);
            long stalledAt = written.get();
            Thread.sleep(500);
            long stillAt = written.get();
            assertThat(stalledAt).as("bytes the client could write while the upstream does not read").isLessThan(BOUND);
            assertThat(stillAt - stalledAt).isLessThan(1024 * 1024);
            backend.resumeReading();
            String expected = sent.get(60, TimeUnit.SECONDS);
            RawClientResponse response = readSmallResponse(socket.getInputStream());
            assertThat(response.body).isEqualTo("bytes=" + SIZE + " sha256=" + expected);
        }
    }

    private record RawClientResponse(String head, String body) {
    }

    private static RawClientResponse readSmallResponse(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        int length = -1;
        while (true) {
            String line = readLine(in);
            if (line.isEmpty()) {
                break;
            }
            head.append(line).append('\n');
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return new RawClientResponse(head.toString(), new String(body, StandardCharsets.UTF_8));
    }

    private static int readHead(InputStream in) throws Exception {
        int length = 0;
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            length += line.length() + 2;
        }
        return length + 2;
    }

    private static String readLine(InputStream in) throws Exception {
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
