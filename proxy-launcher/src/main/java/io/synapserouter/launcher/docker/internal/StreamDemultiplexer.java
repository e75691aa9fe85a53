package io.synapserouter.launcher.docker.internal;

import io.netty.buffer.ByteBuf;

/**
 * Splits the Engine's multiplexed attach stream (a container without a TTY) into stdout and stderr.
 * Each frame is an 8-byte header, {@code [stream, 0, 0, 0, size as big-endian uint32]}, then {@code size}
 * payload bytes; stream 1 is stdout, 2 is stderr (0, stdin echoed, goes to stdout). Headers and
 * payloads may be split across reads at any byte, so the state survives between calls and nothing is
 * buffered beyond one header.
 */
public final class StreamDemultiplexer {

    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    /** Receives each payload piece as it is decoded. */
    public interface FrameSink {
        void accept(int stream, byte[] payload);
    }

    private final byte[] header = new byte[8];
    private int headerFilled;
    private int stream;
    private long payloadLeft;

    /** Consumes every readable byte of {@code in} (the caller still owns and releases it). */
    public void feed(ByteBuf in, FrameSink sink) {
        while (in.isReadable()) {
            if (payloadLeft > 0) {
                int n = (int) Math.min(payloadLeft, in.readableBytes());
                byte[] piece = new byte[n];
                in.readBytes(piece);
                payloadLeft -= n;
                sink.accept(stream, piece);
                continue;
            }
            int n = Math.min(header.length - headerFilled, in.readableBytes());
            in.readBytes(header, headerFilled, n);
            headerFilled += n;
            if (headerFilled == header.length) {
                headerFilled = 0;
                int type = header[0];
                if (type < 0 || type > 2 || header[1] != 0 || header[2] != 0 || header[3] != 0) {
                    throw new IllegalStateException("not a multiplexed Docker stream (frame header starts "
                            + String.format("%02x %02x %02x %02x", header[0], header[1], header[2], header[3]) + ")");
                }
                stream = type == STDERR ? STDERR : STDOUT;
                payloadLeft = ((header[4] & 0xFFL) << 24) | ((header[5] & 0xFFL) << 16)
                        | ((header[6] & 0xFFL) << 8) | (header[7] & 0xFFL);
            }
        }
    }

    /** Whether the stream stopped in the middle of a frame. */
    public boolean midFrame() {
        return headerFilled > 0 || payloadLeft > 0;
    }
}
