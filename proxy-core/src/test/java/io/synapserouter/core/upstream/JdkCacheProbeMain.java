package io.synapserouter.core.upstream;

import java.lang.reflect.Method;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Run in a fresh JVM by {@link EndpointResolverTest}: optionally caps the JDK's lookup cache, does a
 * lookup, and prints the cache policy the JDK then uses ("positive negative", in seconds). Needs
 * {@code --add-exports java.base/sun.net=ALL-UNNAMED}.
 */
public final class JdkCacheProbeMain {

    private JdkCacheProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("cap")) {
            EndpointResolver.capJdkAddressCache(Duration.ofSeconds(1));
        }
        InetAddress.getByName("localhost");
        Class<?> policy = Class.forName("sun.net.InetAddressCachePolicy");
        Method positive = policy.getMethod("get");
        Method negative = policy.getMethod("getNegative");
        System.out.println("policy " + positive.invoke(null) + " " + negative.invoke(null));
    }
}
