package io.synapserouter.bench.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording says the time and the allocations went: the hottest methods by CPU samples
 * (the frame on top, and the first frame of our own code under it), and the heaviest allocation
 * sites by sampled bytes. For the router's recording of a comparison run:
 * <pre>java -cp benchmarks/target/benchmarks.jar io.synapserouter.bench.compare.JfrSummary FILE.jfr [top]</pre>
 */
public final class JfrSummary {

    private static final String OURS = "io.synapserouter.";

    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrSummary FILE.jfr [top]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Long> selfSamples = new HashMap<>();
        Map<String, Long> oursSamples = new HashMap<>();
        Map<String, Long> allocBytes = new HashMap<>();
        Map<String, Long> allocOurs = new HashMap<>();
        long samples = 0;
        long bytes = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = stack.getFrames();
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                selfSamples.merge(name(frames.get(0)), 1L, Long::sum);
                oursSamples.merge(firstOurs(frames), 1L, Long::sum);
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long weight = e.getLong("weight");
                bytes += weight;
                String cls = e.getClass("objectClass").getName();
                allocBytes.merge(cls + " @ " + name(frames.get(0)), weight, Long::sum);
                allocOurs.merge(cls + " @ " + firstOurs(frames), weight, Long::sum);
            }
        }
        print("CPU samples by top frame", selfSamples, samples, top);
        print("CPU samples by first io.synapserouter frame", oursSamples, samples, top);
        print("sampled allocation bytes by class @ top frame", allocBytes, bytes, top);
        print("sampled allocation bytes by class @ first io.synapserouter frame", allocOurs, bytes, top);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber();
    }

    private static String firstOurs(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (f.getMethod().getType().getName().startsWith(OURS)) {
                return name(f);
            }
        }
        return "(no io.synapserouter frame)";
    }

    private static void print(String title, Map<String, Long> counts, long total, int top) {
        System.out.println("== " + title + " (total " + total + ")");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("%6.2f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
        System.out.println();
    }
}
