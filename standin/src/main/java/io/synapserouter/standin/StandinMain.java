package io.synapserouter.standin;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One stand-in process on its own, for containers and manual tests; runs until killed.
 *
 * <pre>
 * java -cp synapse-router.jar io.synapserouter.standin.StandinMain \
 *     --listen 0.0.0.0:8008 --name main --token tok=@alice:example.org
 * </pre>
 *
 * {@code --name main} answers whoami (for the given tokens) unless {@code --no-whoami}; any other name
 * acts as a worker. It prints one line once it listens: {@code standin NAME listening on HOST:PORT}.
 */
public final class StandinMain {

    private StandinMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String listen = null;
        String name = "main";
        Boolean whoami = null;
        List<String[]> tokens = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--listen" -> listen = value(args, ++i, arg);
                case "--name" -> name = value(args, ++i, arg);
                case "--token" -> {
                    String token = value(args, ++i, arg);
                    int eq = token.indexOf('=');
                    if (eq <= 0) {
                        usage("--token wants TOKEN=@user:server");
                    }
                    tokens.add(new String[] {token.substring(0, eq), token.substring(eq + 1)});
                }
                case "--whoami" -> whoami = true;
                case "--no-whoami" -> whoami = false;
                default -> usage("unknown argument " + arg);
            }
        }
        if (listen == null) {
            usage("--listen HOST:PORT is required");
        }
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            usage("--listen wants HOST:PORT");
        }
        String host = listen.substring(0, colon);
        int port = Integer.parseInt(listen.substring(colon + 1));

        SynapseStandin standin = new SynapseStandin(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()), true, host);
        tokens.forEach(t -> standin.tokens().put(t[0], t[1]));
        StandinProcess process = standin.start(name, port, whoami != null ? whoami : name.equals("main"));
        Runtime.getRuntime().addShutdownHook(new Thread(standin::close, "standin-close"));
        System.out.println("standin " + name + " listening on " + process.hostPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("standin: " + problem);
        System.err.println("usage: StandinMain --listen HOST:PORT [--name NAME] [--token TOKEN=@user:server]... [--whoami|--no-whoami]");
        System.exit(2);
    }
}
