package org.delays4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** Memory use of this process as the operating system sees it (Linux {@code /proc}). */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** Peak resident set size ("high-water mark", VmHWM) in MB (2^20 bytes), or empty off Linux. */
    public static OptionalDouble peakRssMb() {
        try {
            return Files.isReadable(STATUS) ? vmHwmMb(Files.readString(STATUS)) : OptionalDouble.empty();
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    /** The VmHWM of a {@code /proc/<pid>/status} text in MB, or empty if the line is absent or malformed. */
    static OptionalDouble vmHwmMb(String status) {
        for (String line : status.split("\n")) {
            if (!line.startsWith("VmHWM:")) continue;
            String[] parts = line.substring(6).trim().split("\\s+");
            if (parts.length != 2 || !parts[1].equals("kB")) return OptionalDouble.empty();
            try {
                return OptionalDouble.of(Long.parseLong(parts[0]) / 1024.0);
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }
}
