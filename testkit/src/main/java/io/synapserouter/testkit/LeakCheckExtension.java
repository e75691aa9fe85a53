package io.synapserouter.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked buffer while it ran. Auto-registered for every test
 * (see META-INF/services), so no test can opt out.
 *
 * <p>Netty only reports a leak when a collected, unreleased buffer is noticed during a later
 * allocation, so this forces collection and then allocates until the reference queue has drained.
 */
public final class LeakCheckExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (!FailingLeakDetector.class.getName().equals(System.getProperty("io.netty.customResourceLeakDetector"))) {
            throw new AssertionError("tests must run with -Dio.netty.customResourceLeakDetector="
                    + FailingLeakDetector.class.getName() + " (set by the parent pom's surefire argLine)");
        }
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(50);
            for (int i = 0; i < 64; i++) {
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(16);
                pooled.release();
                ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.buffer(16);
                unpooled.release();
            }
        }
        List<String> leaks = FailingLeakDetector.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " ByteBuf leak(s) reported while "
                    + context.getDisplayName() + " ran:\n" + String.join("\n", leaks));
        }
    }
}
