package io.github.qdrantjca.adapter.transport;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;
import jakarta.resource.ResourceException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * The threads every channel of one resource adapter runs on: a Netty event loop group and an
 * executor for gRPC callbacks, owned by {@link QdrantResourceAdapter} from {@code start()} to
 * {@code stop()}. Without it gRPC uses process-wide shared threads that it releases lazily, about a
 * second after the last channel closed, by which time an undeployed adapter's class loader is gone;
 * with it, {@code stop()} ends them before it returns, so a redeploy leaves no thread behind.
 * Also the one place a physical gRPC channel is built: connect timeout, keepalive, TLS, these threads.
 */
public final class GrpcTransport {

    private static final Logger LOG = Logger.getLogger(GrpcTransport.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration WARM_UP_DEADLINE = Duration.ofSeconds(1);

    private final NioEventLoopGroup eventLoops;
    private final ExecutorService executor;

    public GrpcTransport() {
        this.eventLoops = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("qdrant-ra-netty", true));
        this.executor = Executors.newCachedThreadPool(new DefaultThreadFactory("qdrant-ra-grpc", true));
    }

    /**
     * A channel to {@code endpoint} on the threads of {@code transport} ({@code null}: gRPC's shared
     * threads) whose TCP connect gives up after {@code connectMillis}; it pings a silent connection
     * every {@code keepAliveTime}, also with no call in flight, and is never idle.
     */
    static ManagedChannel channel(Endpoint endpoint, ChannelSettings settings, GrpcTransport transport,
            long connectMillis) throws ResourceException {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectMillis))
                // Never idle: a channel that leaves READY has lost its connection (see PhysicalConnection.watchConnectivity).
                .idleTimeout(Long.MAX_VALUE, TimeUnit.DAYS);
        if (!settings.keepAliveTime().isZero()) {
            builder.keepAliveTime(settings.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                    .keepAliveTimeout(settings.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .keepAliveWithoutCalls(true);
        }
        if (transport != null) {
            transport.apply(builder);
        }
        if (!settings.useTls()) {
            return builder.usePlaintext().build();
        }
        builder.useTransportSecurity();
        if (settings.trustCertificate() != null) {
            try {
                builder.sslContext(GrpcSslContexts.forClient().trustManager(settings.trustCertificate().toFile()).build());
            } catch (SSLException | IllegalArgumentException e) {
                throw new ResourceException("Invalid Qdrant adapter configuration: trustCertificate '"
                        + settings.trustCertificate() + "' is not a usable PEM certificate file: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    /** Makes the channel being built run on these threads. */
    private NettyChannelBuilder apply(NettyChannelBuilder builder) {
        return builder.eventLoopGroup(eventLoops)
                .channelType(NioSocketChannel.class)
                .executor(executor)
                .offloadExecutor(executor);
    }

    /**
     * Runs one call through these threads to a loopback port where nothing should listen (9,
     * discard), so that the classes of gRPC, Netty and the Qdrant protobuf messages are loaded
     * now, at adapter start, and not inside the connect deadline of the first real connection (in
     * a fresh class loader on a loaded machine that took seconds). The call's failure is expected;
     * it takes at most {@link #WARM_UP_DEADLINE}.
     */
    public void warmUp() {
        long started = System.nanoTime();
        ManagedChannel channel = apply(NettyChannelBuilder.forAddress("127.0.0.1", 9).usePlaintext()).build();
        try {
            QdrantGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(WARM_UP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .healthCheck(HealthCheckRequest.getDefaultInstance());
        } catch (StatusRuntimeException expected) {
            // Nothing answers there; the classes are loaded all the same.
        } finally {
            channel.shutdownNow();
        }
        HealthCheckReply.getDescriptor();
        LOG.log(Level.FINE, "QDRANT-003 gRPC warm-up took {0} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Ends every thread, waiting at most about {@link #STOP_TIMEOUT} for each kind. */
    public void shutdown() {
        eventLoops.shutdownGracefully(0, STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        executor.shutdownNow();
        try {
            boolean loopsDone = eventLoops.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            boolean executorDone = executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!loopsDone || !executorDone) {
                LOG.log(Level.WARNING, "QDRANT-021 Qdrant adapter threads did not all end within {0} ms of stop()",
                        STOP_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
