package io.synapserouter.bench.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * A whole HTTP/1.1 response, encoded once into a direct buffer: answering costs a duplicate and a write,
 * nothing else (the views written are unreleasable, so a write never frees the original). One copy for
 * keep-alive, one that says {@code Connection: close}. The backend owns it and frees it on close.
 */
final class CannedResponse implements AutoCloseable {

    private final ByteBuf keepAliveOwned;
    private final ByteBuf closeOwned;
    private final ByteBuf keepAlive;
    private final ByteBuf close;

    CannedResponse(String status, String servedBy, String contentType, String body) {
        this.keepAliveOwned = encode(status, servedBy, contentType, body, false);
        this.closeOwned = encode(status, servedBy, contentType, body, true);
        this.keepAlive = Unpooled.unreleasableBuffer(keepAliveOwned.asReadOnly());
        this.close = Unpooled.unreleasableBuffer(closeOwned.asReadOnly());
    }

    private static ByteBuf encode(String status, String servedBy, String contentType, String body, boolean close) {
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "X-Served-By: " + servedBy + "\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "Content-Length: " + bodyBytes.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        ByteBuf buf = Unpooled.directBuffer(headBytes.length + bodyBytes.length);
        buf.writeBytes(headBytes).writeBytes(bodyBytes);
        return buf;
    }

    /** A view to write; the view is the only per-answer object. */
    ByteBuf view(boolean keepAliveConnection) {
        return (keepAliveConnection ? keepAlive : close).duplicate();
    }

    /** Frees the encoded bytes; no view may be written afterwards. */
    @Override
    public void close() {
        keepAliveOwned.release();
        closeOwned.release();
    }
}
