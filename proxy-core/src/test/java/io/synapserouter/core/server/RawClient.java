package io.synapserouter.core.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A deliberately dumb blocking HTTP/1.1 client on a plain socket: the test writes the exact bytes it
 * wants on the wire, and responses are parsed by hand (bodies streamed through a digest, only the
 * first MiB kept), so nothing is normalised behind the test's back.
 */
final class RawClient implements AutoCloseable {

    private static final int KEEP = 1024 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        this(port, Duration.ofSeconds(30));
    }

    RawClient(int port, Duration readTimeout) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    RawClient send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    RawClient send(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        return this;
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Sends {@code GET target} with a Host header and reads the answer. */
    Response get(String target) throws IOException {
        send("GET " + target + " HTTP/1.1\r\nHost: test.example\r\n\r\n");
        return read(false);
    }

    /** Reads one response; {@code head} says the request was HEAD (no body follows whatever the headers say). */
    Response read(boolean head) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        String version = parts[0];
        int status = Integer.parseInt(parts[1]);
        List<String[]> headers = readHeaders();
        Response response = new Response(version, status, headers);
        if (head || status / 100 == 1 || status == 204 || status == 304) {
            return response.finish();
        }
        String te = response.header("transfer-encoding");
        String cl = response.header("content-length");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            response.chunked = true;
            while (true) {
                String sizeLine = readLine();
                if (sizeLine == null) {
                    throw new IOException("connection closed inside a chunked body");
                }
                int semi = sizeLine.indexOf(';');
                long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                if (size == 0) {
                    response.trailers.addAll(readHeaders());
                    break;
                }
                response.chunks++;
                copy(response, size);
                if (!readLine().isEmpty()) {
                    throw new IOException("chunk not followed by CRLF");
                }
            }
        } else if (cl != null) {
            copy(response, Long.parseLong(cl.trim()));
        } else {
            response.closeDelimited = true;
            copy(response, Long.MAX_VALUE);
        }
        return response.finish();
    }

    /** True when the server closed (or reset) the connection within {@code wait}; false if it is still open. */
    boolean closedWithin(Duration wait) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            int b = in.read();
            if (b >= 0) {
                throw new IOException("unexpected byte " + b + " while waiting for close");
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(old);
            }
        }
    }

    private void copy(Response response, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                if (length == Long.MAX_VALUE) {
                    return;
                }
                throw new IOException("connection closed with " + left + " body bytes missing");
            }
            response.accept(buffer, n);
            left -= n;
        }
    }

    private List<String[]> readHeaders() throws IOException {
        List<String[]> headers = new ArrayList<>();
        String line;
        while ((line = readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        return headers;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One parsed response. */
    static final class Response {
        final String version;
        final int status;
        final List<String[]> headers;
        final List<String[]> trailers = new ArrayList<>();
        private final MessageDigest digest = DataPattern.newDigest();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long bodyLength;
        boolean chunked;
        boolean closeDelimited;
        int chunks;
        String sha256;

        Response(String version, int status, List<String[]> headers) {
            this.version = version;
            this.status = status;
            this.headers = headers;
        }

        void accept(byte[] buffer, int n) {
            digest.update(buffer, 0, n);
            bodyLength += n;
            int room = KEEP - kept.size();
            if (room > 0) {
                kept.write(buffer, 0, Math.min(room, n));
            }
        }

        Response finish() {
            sha256 = HexFormat.of().formatHex(digest.digest());
            return this;
        }

        /** The first value of a header (case-insensitive), or null. */
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        List<String> headerNames() {
            return headers.stream().map(h -> h[0].toLowerCase(Locale.ROOT)).toList();
        }

        String body() {
            return kept.toString(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return version + " " + status + " " + headers.stream().map(h -> h[0] + ": " + h[1]).toList()
                    + " body(" + bodyLength + ")=" + (bodyLength < 512 ? body() : "…");
        }
    }
}
