package io.synapserouter.bench.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32;

/**
 * MAS-style access tokens ({@code mat_} + 30 alphanumerics + {@code _} + 6 base62 CRC characters), each
 * owned by its own user {@code @u<i>:bench.example.org}, and how often whoami was asked about each.
 * MAS tokens carry no identity, so a proxy must ask whoami: exactly what the benchmark wants to count.
 * The table is a pure function of its size and seed, so every process of a run agrees on it.
 */
public final class TokenTable {

    public static final String SERVER_NAME = "bench.example.org";
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final List<String> tokens;
    private final Map<String, Integer> index;
    private final AtomicIntegerArray calls;
    private final LongAdder unknownCalls = new LongAdder();
    private final LongAdder totalCalls = new LongAdder();

    public TokenTable(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> list = new ArrayList<>(size);
        Map<String, Integer> map = new HashMap<>(size * 2);
        while (list.size() < size) {
            String token = newToken(random);
            if (map.putIfAbsent(token, list.size()) == null) {
                list.add(token);
            }
        }
        this.tokens = List.copyOf(list);
        this.index = map;
        this.calls = new AtomicIntegerArray(size);
    }

    private static String newToken(SplittableRandom random) {
        StringBuilder sb = new StringBuilder(41).append("mat_");
        for (int i = 0; i < 30; i++) {
            sb.append(BASE62[random.nextInt(62)]);
        }
        CRC32 crc = new CRC32();
        crc.update(sb.toString().getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        sb.append('_');
        for (int i = 0; i < 6; i++) {
            sb.append(BASE62[(int) (value % 62)]);
            value /= 62;
        }
        return sb.toString();
    }

    public int size() {
        return tokens.size();
    }

    public String token(int i) {
        return tokens.get(i);
    }

    /** The index of a known token, or -1. */
    public int indexOf(String token) {
        Integer i = token == null ? null : index.get(token);
        return i == null ? -1 : i;
    }

    public static String userOf(int i) {
        return "@u" + i + ":" + SERVER_NAME;
    }

    /** Counts one whoami call; returns the token's index, or -1 when it is unknown. */
    int recordCall(String token) {
        totalCalls.increment();
        int i = indexOf(token);
        if (i < 0) {
            unknownCalls.increment();
        } else {
            calls.incrementAndGet(i);
        }
        return i;
    }

    public long totalCalls() {
        return totalCalls.sum();
    }

    public long unknownCalls() {
        return unknownCalls.sum();
    }

    public int callsFor(int i) {
        return calls.get(i);
    }

    void resetCounts() {
        for (int i = 0; i < calls.length(); i++) {
            calls.set(i, 0);
        }
        unknownCalls.reset();
        totalCalls.reset();
    }

    /** Writes one token per line, in index order, for load scripts (wrk's Lua reads it). */
    public void writeTo(Path file) throws IOException {
        Files.write(file, tokens, StandardCharsets.US_ASCII);
    }
}
