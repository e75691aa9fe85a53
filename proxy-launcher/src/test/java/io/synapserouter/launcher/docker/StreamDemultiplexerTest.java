package io.synapserouter.launcher.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.synapserouter.launcher.docker.internal.StreamDemultiplexer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamDemultiplexerTest {

    private static byte[] frame(int stream, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[8 + body.length];
        out[0] = (byte) stream;
        out[4] = (byte) (body.length >>> 24);
        out[5] = (byte) (body.length >>> 16);
        out[6] = (byte) (body.length >>> 8);
        out[7] = (byte) body.length;
        System.arraycopy(body, 0, out, 8, body.length);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void framesSplitAtEveryPossibleByteStillSeparateStdoutFromStderr() {
        byte[] stream = concat(frame(1, "hello "), frame(2, "oops\n"), frame(1, ""), frame(1, "world\n"), frame(0, "echo"));
        for (int cut1 = 0; cut1 <= stream.length; cut1++) {
            for (int cut2 = cut1; cut2 <= stream.length; cut2 += 3) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                StreamDemultiplexer demux = new StreamDemultiplexer();
                for (int[] range : new int[][] {{0, cut1}, {cut1, cut2}, {cut2, stream.length}}) {
                    ByteBuf piece = Unpooled.wrappedBuffer(stream, range[0], range[1] - range[0]);
                    try {
                        demux.feed(piece, (s, bytes) -> (s == StreamDemultiplexer.STDERR ? err : out).writeBytes(bytes));
                        assertThat(piece.isReadable()).isFalse();
                    } finally {
                        piece.release();
                    }
                }
                assertThat(out.toString(StandardCharsets.UTF_8)).as("cuts %d/%d", cut1, cut2).isEqualTo("hello world\necho");
                assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");
                assertThat(demux.midFrame()).isFalse();
            }
        }
    }

    @Test
    void aStreamThatStopsInsideAFrameSaysSo() {
        byte[] whole = frame(1, "abcdef");
        ByteBuf part = Unpooled.wrappedBuffer(whole, 0, 10);
        StreamDemultiplexer demux = new StreamDemultiplexer();
        try {
            demux.feed(part, (s, b) -> { });
        } finally {
            part.release();
        }
        assertThat(demux.midFrame()).isTrue();
    }

    @Test
    void rawTtyOutputIsRejectedInsteadOfPrintedAsGarbage() {
        ByteBuf raw = Unpooled.copiedBuffer("plain text, no frames", StandardCharsets.UTF_8);
        try {
            assertThatThrownBy(() -> new StreamDemultiplexer().feed(raw, (s, b) -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not a multiplexed Docker stream");
        } finally {
            raw.release();
        }
    }
}
