package io.github.qdrantjca.adapter.transport;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import jakarta.resource.ResourceException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** The one place a physical gRPC channel is built: connect timeout, keepalive, TLS, the adapter's threads. */
final class Channels {

    private Channels() {}

    /**
     * A channel to {@code endpoint} whose TCP connect gives up after {@code connectMillis}; it pings
     * a silent connection every {@code keepAliveTime}, also with no call in flight, and is never idle.
     */
    static ManagedChannel build(Endpoint endpoint, ChannelSettings settings, GrpcTransport transport,
            long connectMillis) throws ResourceException {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectMillis))
                // Never idle: a channel that leaves READY has lost its connection (see watchConnectivity).
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

}
