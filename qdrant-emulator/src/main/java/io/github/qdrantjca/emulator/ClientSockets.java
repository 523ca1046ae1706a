package io.github.qdrantjca.emulator;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.group.ChannelGroup;
import io.grpc.netty.shaded.io.netty.channel.group.DefaultChannelGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.netty.shaded.io.netty.util.concurrent.GlobalEventExecutor;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server's TCP sockets, so that {@link QdrantEmulator#stop()} can drop every client connection at once the way
 * a crashing server does (clients see UNAVAILABLE, in-flight calls included) instead of cancelling streams. Owns
 * the Netty event loops; {@link #shutdown()} releases them.
 */
final class ClientSockets {

    private static final long CLOSE_WAIT_SECONDS = 5;

    private final ChannelGroup accepted = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private EventLoopGroup boss; // guarded by this, created on first use
    private EventLoopGroup workers; // guarded by this, created on first use

    /** Makes {@code builder} accept connections through channels this object sees. */
    synchronized NettyServerBuilder configure(NettyServerBuilder builder) {
        if (boss == null) {
            boss = new NioEventLoopGroup(1, new DefaultThreadFactory("qdrant-emulator-boss", true));
            workers = new NioEventLoopGroup(0, new DefaultThreadFactory("qdrant-emulator-worker", true));
        }
        return builder.bossEventLoopGroup(boss).workerEventLoopGroup(workers)
                .channelFactory(TrackingServerChannel::new)
                .withChildOption(ChannelOption.SO_LINGER, 0);
    }

    /**
     * Closes every accepted socket now and waits until they are closed. The close bypasses the HTTP/2 handlers
     * (which would first reset each stream with CANCEL) and, with linger 0, the peer sees a TCP reset.
     */
    void closeAll() {
        for (Channel channel : accepted) {
            channel.eventLoop().execute(() -> channel.unsafe().close(channel.unsafe().voidPromise()));
        }
        for (Channel channel : accepted) {
            channel.closeFuture().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    synchronized void shutdown() {
        closeAll();
        if (boss == null) {
            return;
        }
        boss.shutdownGracefully(0, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_WAIT_SECONDS,
                TimeUnit.SECONDS);
        workers.shutdownGracefully(0, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_WAIT_SECONDS,
                TimeUnit.SECONDS);
    }

    /** A NIO server channel that registers each accepted client channel in {@link #accepted}. */
    private final class TrackingServerChannel extends NioServerSocketChannel {
        @Override
        protected int doReadMessages(List<Object> buf) throws Exception {
            int before = buf.size();
            int read = super.doReadMessages(buf);
            for (int i = before; i < buf.size(); i++) {
                if (buf.get(i) instanceof Channel) {
                    accepted.add((Channel) buf.get(i));
                }
            }
            return read;
        }
    }
}
