package org.delays4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {
    @Test
    void parsesVmHwmInMegabytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  524288 kB\nVmRSS:\t  400000 kB\n";
        assertThat(ProcessMemory.vmHwmMb(status)).hasValue(512.0);
    }

    @Test
    void missingOrMalformedLineGivesEmpty() {
        assertThat(ProcessMemory.vmHwmMb("Name:\tjava\nVmRSS:\t 1 kB\n")).isEmpty();
        assertThat(ProcessMemory.vmHwmMb("VmHWM:\t abc kB\n")).isEmpty();
        assertThat(ProcessMemory.vmHwmMb("VmHWM:\t 12 MB\n")).isEmpty();
        assertThat(ProcessMemory.vmHwmMb("")).isEmpty();
    }

    @Test
    void peakRssOfThisJvmIsPlausible() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc: not Linux");
        double used = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0;
        var peak = ProcessMemory.peakRssMb();
        assertThat(peak).isPresent();
        assertThat(peak.getAsDouble()).isGreaterThan(Math.max(10, used * 0.5)).isLessThan(1 << 20);
    }
}
