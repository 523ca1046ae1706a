package io.github.qdrantjca.bench.driver;

import java.time.Duration;

/** CPU time of a process, all its threads (living and ended), user and system, as the OS accounts it. */
final class ProcessCpu {

    private ProcessCpu() {}

    /** The CPU time {@code process} has spent so far, in nanoseconds (clock-tick resolution, 10 ms on Linux). */
    static long nanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElseThrow(() -> new IllegalStateException(
                "the OS does not tell the CPU time of process " + process.pid() + (process.isAlive() ? "" : " (ended)")));
    }
}
