package io.synapserouter.launcher.container.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An env or label file as {@code docker --env-file} reads it: one {@code KEY=VALUE} per line, the value
 * taken literally (no quotes removed); blank lines and {@code #} comments skipped. For env files a bare
 * {@code KEY} takes the variable from our own environment (and is dropped when unset).
 */
public final class KeyValueFile {

    private KeyValueFile() {
    }

    public static Map<String, String> read(Path file, boolean bareKeysFromEnvironment, Map<String, String> environment) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = (eq < 0 ? line : line.substring(0, eq)).strip();
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                // The line itself may hold a secret: name the place, never the content.
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected KEY=VALUE");
            }
            if (eq >= 0) {
                out.put(key, lines.get(i).substring(lines.get(i).indexOf('=') + 1));
            } else if (bareKeysFromEnvironment) {
                String value = environment.get(key);
                if (value != null) {
                    out.put(key, value);
                }
            } else {
                out.put(key, "");
            }
        }
        return out;
    }
}
