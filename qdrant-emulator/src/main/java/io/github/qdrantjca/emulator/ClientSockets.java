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
import io.grpc.netty.shaded.io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The server's TCP sockets, so that {@link QdrantEmulator#stop()} can drop every client connection at once the way
 * a crashing server does (clients see UNAVAILABLE, in-flight calls included) instead of cancelling streams, and
 * {@link QdrantEmulator#freeze()} can stop every byte on them (a {@link FreezeGate} next to each socket). Owns the
 * Netty event loops; {@link #shutdown()} releases them.
 */
final class ClientSockets {

    private static final long CLOSE_WAIT_SECONDS = 5;
    private static final String GATE = "qdrant-emulator-freeze-gate";

    private final ChannelGroup accepted = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Object freezeLock = new Object();
    private volatile boolean frozen; // written under freezeLock
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

    /**
     * Freezes ({@code on}) or thaws every open socket and every socket accepted from now on; returns once each open
     * socket has applied it on its event loop (so nothing more is read after a freeze returns).
     */
    void freeze(boolean on) {
        synchronized (freezeLock) {
            frozen = on;
            List<Future<?>> applied = new ArrayList<>();
            for (Channel channel : accepted) {
                FreezeGate gate = (FreezeGate) channel.pipeline().get(GATE);
                if (gate != null) {
                    try {
                        applied.add(channel.eventLoop().submit(() -> gate.apply(on)));
                    } catch (RejectedExecutionException closing) {
                        // the event loops are shutting down with the emulator
                    }
                }
            }
            for (Future<?> f : applied) {
                f.awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    boolean isFrozen() {
        return frozen;
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
                    Channel child = (Channel) buf.get(i);
                    child.pipeline().addFirst(GATE, new FreezeGate(ClientSockets.this::isFrozen));
                    accepted.add(child);
                }
            }
            return read;
        }
    }
}
