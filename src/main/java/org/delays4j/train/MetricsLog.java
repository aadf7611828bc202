package org.delays4j.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.delays4j.io.Json;
import org.delays4j.util.AtomicFiles;
import org.delays4j.util.UserInputException;

/**
 * {@code metrics.jsonl}: one JSON object per finished epoch, appended and flushed as the epoch
 * ends. On resume the file is cut back to the epochs the checkpoint has seen, so a resumed run's
 * file equals an uninterrupted one's.
 */
public final class MetricsLog {
    private final Path file;

    public MetricsLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends one line. */
    public void append(EpochMetrics m) {
        try {
            Files.writeString(file, Json.line(m) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** The lines written so far (empty if there is no file). */
    public List<EpochMetrics> read() {
        List<EpochMetrics> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        try {
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                if (line.isBlank()) continue;
                try {
                    out.add(Json.strictMapper().readValue(line, EpochMetrics.class));
                } catch (JsonProcessingException e) {
                    throw new UserInputException(file + ":" + n + ": not a metrics line (" + e.getOriginalMessage() + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    /** Keeps the first {@code epochs} lines (atomically). */
    public void truncate(int epochs) {
        if (!Files.exists(file)) return;
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() <= epochs) return;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < epochs; i++) sb.append(lines.get(i)).append('\n');
            AtomicFiles.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file, e);
        }
    }
}
