package io.github.qdrantjca.faults.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** Runs tasks on threads of the server's thread factory and waits for them, bounded. */
final class Parallel {

    private Parallel() {}

    /** Runs {@code count} copies of {@code task} (given their index); the number still running after {@code waitMillis}. */
    static int run(ThreadFactory factory, int count, long waitMillis, IndexedTask task) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            Thread thread = factory.newThread(() -> task.run(index));
            thread.setName("qdrant-fault-probe-" + i);
            threads.add(thread);
            thread.start();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        int stuck = 0;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                thread.interrupt();
                stuck++;
            }
        }
        return stuck;
    }

    /** A task that knows its index. */
    interface IndexedTask {
        void run(int index);
    }
}
