package io.github.qdrantjca.bench.harness;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.qdrant.client.grpc.PointsGrpc;
import io.qdrant.client.grpc.PointsGrpc.PointsFutureStub;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/** The floor: generated gRPC future stubs on one {@link ManagedChannel}, no Qdrant client at all. */
@ApplicationScoped
public class RawStubs implements ClientUnderTest {

    private ManagedChannel channel;
    private PointsFutureStub points;

    @PostConstruct
    void open() {
        channel = NettyChannelBuilder.forAddress(Endpoint.host(), Endpoint.port()).usePlaintext().build();
        points = PointsGrpc.newFutureStub(channel);
    }

    @PreDestroy
    void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private PointsFutureStub stub() {
        return points.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public int search(SearchPoints request) throws Exception {
        return stub().search(request).get().getResultCount();
    }

    @Override
    public int get(GetPoints request) throws Exception {
        return stub().get(request).get().getResultCount();
    }

    @Override
    public boolean upsert(UpsertPoints request) throws Exception {
        return stub().upsert(request).get().getResult().getStatus() == UpdateStatus.Completed;
    }

    @Override
    public long count(CountPoints request) throws Exception {
        return stub().count(request).get().getResult().getCount();
    }

    @Override
    public long connectionsOpen() {
        return 1;
    }

    @Override
    public long connectionsPeak() {
        return 1;
    }
}
