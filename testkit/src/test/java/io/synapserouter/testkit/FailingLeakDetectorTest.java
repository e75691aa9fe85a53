package io.synapserouter.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard every other test relies on: a buffer dropped without release is reported. */
class FailingLeakDetectorTest {

    @Test
    void aBufferDroppedWithoutReleaseIsReported() throws InterruptedException {
        FailingLeakDetector.drain();
        leakOne();
        List<String> leaks = new ArrayList<>();
        // Netty notices a collected, unreleased buffer only on a later allocation: bounded retries.
        for (int round = 0; round < 50 && leaks.isEmpty(); round++) {
            System.gc();
            Thread.sleep(20);
            for (int i = 0; i < 32; i++) {
                PooledByteBufAllocator.DEFAULT.buffer(8).release();
            }
            leaks.addAll(FailingLeakDetector.drain());
        }
        assertThat(leaks).as("leak reports").isNotEmpty();
        assertThat(leaks.get(0)).startsWith("LEAK of ");
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(64);
        leaked.writeLong(42);
    }
}
