package io.actorpreload.chaos;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands the runner children handled, read from the files they append to (one per runner),
 * incrementally: each {@link #refresh()} reads only the complete lines written since the last.
 * Thread-safe.
 */
final class HandledLog {
    private final List<Path> files = new ArrayList<>();
    private final Map<Path, Long> positions = new HashMap<>();
    private final List<HandledEvent> events = new ArrayList<>();

    synchronized void add(Path file) {
        files.add(file);
        positions.put(file, 0L);
    }

    /** Every event so far, after reading what was appended since the last call. */
    synchronized List<HandledEvent> refresh() {
        for (Path file : files) {
            readNew(file);
        }
        return List.copyOf(events);
    }

    private void readNew(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long from = positions.get(file);
            long length = in.length();
            if (length <= from) {
                return;
            }
            byte[] bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
            int lastNewline = -1;
            for (int i = bytes.length - 1; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    lastNewline = i;
                    break;
                }
            }
            if (lastNewline < 0) {
                return;
            }
            String text = new String(bytes, 0, lastNewline, StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                HandledEvent.parse(line).ifPresent(events::add);
            }
            positions.put(file, from + lastNewline + 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not read the handled commands in " + file, e);
        }
    }
}
