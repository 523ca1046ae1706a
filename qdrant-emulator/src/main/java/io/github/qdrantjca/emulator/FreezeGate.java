package io.github.qdrantjca.emulator;

import io.grpc.netty.shaded.io.netty.channel.ChannelDuplexHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelPromise;
import io.grpc.netty.shaded.io.netty.channel.PendingWriteQueue;
import java.nio.channels.ClosedChannelException;
import java.util.function.BooleanSupplier;

/**
 * The first handler of every accepted socket's pipeline (next to the socket, below TLS and HTTP/2): while frozen it
 * stops reading (auto-read off, explicit reads swallowed) and holds every write, flush and close, so not one byte
 * passes in either direction and HTTP/2 pings stay unanswered. Thawing writes the held bytes in order, performs a
 * held close and resumes reading. Every method runs on the channel's event loop.
 */
final class FreezeGate extends ChannelDuplexHandler {

    private final BooleanSupplier frozenAtStart;

    private ChannelHandlerContext ctx;
    private PendingWriteQueue held;
    private boolean frozen;
    private boolean flushHeld;
    private ChannelPromise closeHeld;

    /** {@code frozenAtStart} is read when the socket is registered, so a connection accepted while frozen starts frozen. */
    FreezeGate(BooleanSupplier frozenAtStart) {
        this.frozenAtStart = frozenAtStart;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        ctx = context;
        held = new PendingWriteQueue(context);
        apply(frozenAtStart.getAsBoolean());
    }

    /** Freezes or thaws this socket; call on its event loop. Before the handler is added, the supplier decides. */
    void apply(boolean on) {
        if (ctx == null || ctx.isRemoved() || frozen == on) {
            return;
        }
        frozen = on;
        if (on) {
            ctx.channel().config().setAutoRead(false);
            return;
        }
        held.removeAndWriteAll();
        if (flushHeld) {
            flushHeld = false;
            ctx.flush();
        }
        if (closeHeld != null) {
            ChannelPromise promise = closeHeld;
            closeHeld = null;
            ctx.close(promise);
            return;
        }
        ctx.channel().config().setAutoRead(true); // also issues the read that was held back
    }

    @Override
    public void read(ChannelHandlerContext context) {
        if (!frozen) {
            context.read();
        }
    }

    @Override
    public void write(ChannelHandlerContext context, Object msg, ChannelPromise promise) {
        if (frozen) {
            held.add(msg, promise);
        } else {
            context.write(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext context) {
        if (frozen) {
            flushHeld = true;
        } else {
            context.flush();
        }
    }

    @Override
    public void close(ChannelHandlerContext context, ChannelPromise promise) {
        if (frozen && closeHeld == null) {
            closeHeld = promise; // a frozen path sends no FIN either
        } else if (frozen) {
            promise.setSuccess(); // already closing when thawed
        } else {
            context.close(promise);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        release();
        context.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        release();
    }

    private void release() {
        if (held != null && !held.isEmpty()) {
            held.removeAndFailAll(new ClosedChannelException());
        }
        if (closeHeld != null) {
            closeHeld.trySuccess();
            closeHeld = null;
        }
    }
}
