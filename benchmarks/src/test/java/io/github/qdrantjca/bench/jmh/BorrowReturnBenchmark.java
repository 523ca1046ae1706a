package io.github.qdrantjca.bench.jmh;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.outbound.QdrantManagedConnectionFactory;
import io.github.qdrantjca.adapter.testing.PoolingConnectionManager;
import io.github.qdrantjca.emulator.QdrantEmulator;
import jakarta.resource.spi.ManagedConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What a handle costs, without any Qdrant call: borrow + return through a pooling connection manager
 * (the adapter's test pool, 8 connections, all open before measuring), and the adapter's part alone
 * (a handle opened and closed on one managed connection, no pool). Sample time, so p99 is reported.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class BorrowReturnBenchmark {

    private QdrantEmulator emulator;
    private PoolingConnectionManager pool;
    private QdrantConnectionFactory factory;
    private ManagedConnection managed;

    /** Starts the emulator and fills the pool. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        emulator = QdrantEmulator.builder().build().start();
        QdrantManagedConnectionFactory mcf = new QdrantManagedConnectionFactory();
        mcf.setHost(emulator.host());
        mcf.setPort(emulator.port());
        pool = new PoolingConnectionManager(8, Duration.ofSeconds(5), false);
        factory = (QdrantConnectionFactory) mcf.createConnectionFactory(pool);
        List<QdrantConnection> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(factory.getConnection());
        }
        all.forEach(QdrantConnection::close);
        managed = mcf.createManagedConnection(null, null);
    }

    /** Closes the connections and the emulator. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        managed.destroy();
        pool.close();
        emulator.close();
    }

    /** Borrow a handle from the pool and return it, one thread. */
    @Benchmark
    @Threads(1)
    public boolean borrowReturn() throws Exception {
        QdrantConnection c = factory.getConnection();
        c.close();
        return c.isClosed();
    }

    /** The same, two threads on the one pool (the machine has two cores). */
    @Benchmark
    @Threads(2)
    public boolean borrowReturn2Threads() throws Exception {
        QdrantConnection c = factory.getConnection();
        c.close();
        return c.isClosed();
    }

    /** The adapter's part only: a handle opened and closed on one managed connection, no pool. */
    @Benchmark
    @Threads(1)
    public boolean handleOpenClose() throws Exception {
        QdrantConnection c = (QdrantConnection) managed.getConnection(null, null);
        c.close();
        return c.isClosed();
    }
}
