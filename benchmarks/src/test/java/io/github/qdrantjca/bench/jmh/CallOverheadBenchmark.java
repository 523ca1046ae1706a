package io.github.qdrantjca.bench.jmh;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.adapter.outbound.InProcessManagedConnectionFactory;
import io.github.qdrantjca.adapter.outbound.QdrantManagedConnectionFactory;
import io.github.qdrantjca.adapter.testing.PoolingConnectionManager;
import io.github.qdrantjca.bench.harness.Workload;
import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.emulator.internal.CollectionsService;
import io.github.qdrantjca.emulator.internal.HealthServices;
import io.github.qdrantjca.emulator.internal.PointsService;
import io.github.qdrantjca.emulator.internal.Storage;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Points.SearchPoints;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One Qdrant call three ways, side by side: on a bare {@link QdrantClient}, through one handle held
 * open, and through a handle borrowed from the pool for the call and returned. Two transports:
 * {@code tcp} (the emulator over loopback, Netty) and {@code inprocess} (the emulator's services on
 * gRPC's in-process transport with direct executors, so the adapter's own cost is not hidden by the
 * network). Two calls: the health check (the cheapest RPC) and a top-10 search over 1,000 points of
 * 384 dimensions.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class CallOverheadBenchmark {

    private static final String COLLECTION = "jmh";

    /** {@code tcp} or {@code inprocess}. */
    @Param({"tcp", "inprocess"})
    public String transport;

    /** {@code health} or {@code search}. */
    @Param({"health", "search"})
    public String call;

    private QdrantEmulator emulator;
    private Server inProcessServer;
    private QdrantClient bare;
    private PoolingConnectionManager pool;
    private QdrantConnectionFactory factory;
    private QdrantConnection held;
    private SearchPoints search;

    /** Starts the server, the bare client and the pool; seeds the collection. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ManagedChannel channel;
        QdrantManagedConnectionFactory mcf;
        if (transport.equals("tcp")) {
            emulator = QdrantEmulator.builder().build().start();
            channel = NettyChannelBuilder.forAddress(emulator.host(), emulator.port()).usePlaintext().build();
            mcf = new QdrantManagedConnectionFactory();
            mcf.setHost(emulator.host());
            mcf.setPort(emulator.port());
        } else {
            String name = "qdrant-jmh-" + System.nanoTime();
            Storage storage = new Storage();
            inProcessServer = InProcessServerBuilder.forName(name).directExecutor()
                    .addService(HealthServices.qdrant())
                    .addService(new CollectionsService(storage))
                    .addService(new PointsService(storage))
                    .build().start();
            channel = InProcessChannelBuilder.forName(name).directExecutor().build();
            mcf = new InProcessManagedConnectionFactory(name);
        }
        bare = new QdrantClient(QdrantGrpcClient.newBuilder(channel, true, false)
                .withTimeout(Duration.ofSeconds(10)).build());
        pool = new PoolingConnectionManager(8, Duration.ofSeconds(5), false);
        factory = (QdrantConnectionFactory) mcf.createConnectionFactory(pool);
        held = factory.getConnection();

        bare.createCollectionAsync(COLLECTION, VectorParams.newBuilder().setSize(Workload.DIMENSION)
                .setDistance(Distance.Cosine).build()).get();
        bare.upsertAsync(COLLECTION, Workload.points(1, 1_000, 42)).get();
        search = SearchPoints.newBuilder().setCollectionName(COLLECTION)
                .addAllVector(Workload.vector(new SplittableRandom(7))).setLimit(Workload.TOP).build();
    }

    /** Closes everything the set-up opened. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        held.close();
        pool.close();
        bare.close();
        if (emulator != null) {
            emulator.close();
        }
        if (inProcessServer != null) {
            inProcessServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private Object invoke(QdrantClient client) throws Exception {
        return call.equals("health") ? client.healthCheckAsync().get() : client.searchAsync(search).get();
    }

    /** The call on a bare client. */
    @Benchmark
    public Object bareClient() throws Exception {
        return invoke(bare);
    }

    /** The call through a handle held open for the whole trial (no borrow). */
    @Benchmark
    public Object heldHandle() throws Exception {
        return invoke(held.client());
    }

    /** Borrow a handle, make the call, return the handle: what application code does per unit of work. */
    @Benchmark
    public Object handlePerCall() throws Exception {
        try (QdrantConnection c = factory.getConnection()) {
            return invoke(c.client());
        }
    }
}
