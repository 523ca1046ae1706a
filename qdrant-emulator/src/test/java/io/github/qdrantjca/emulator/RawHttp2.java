package io.github.qdrantjca.emulator;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plaintext HTTP/2 connection driven by hand, frame by frame: enough to send pings and see who answers. */
final class RawHttp2 implements AutoCloseable {

    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int ACK = 0x1;

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** One frame as read: type, flags, stream and payload. */
    record Frame(int type, int flags, int stream, byte[] payload) {
        boolean isPingAck(long data) {
            return type == PING && (flags & ACK) != 0 && ByteBuffer.wrap(payload).getLong() == data;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawHttp2(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** A TCP connection only (nothing sent yet). */
    static RawHttp2 connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 5000);
            return new RawHttp2(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends the client preface and an empty SETTINGS frame. */
    void sendPreface() throws IOException {
        out.write(PREFACE);
        writeFrame(SETTINGS, 0, new byte[0]);
    }

    /** Sends the preface and acknowledges the server's SETTINGS: the connection is then ready. */
    void handshake(Duration timeout) throws IOException {
        sendPreface();
        Frame settings = readUntil(f -> f.type() == SETTINGS && (f.flags() & ACK) == 0, timeout);
        if (settings == null) {
            throw new IOException("no SETTINGS from the server");
        }
        writeFrame(SETTINGS, ACK, new byte[0]);
    }

    void ping(long data) throws IOException {
        writeFrame(PING, 0, ByteBuffer.allocate(8).putLong(data).array());
    }

    /**
     * Reads frames until one matches; returns it, or null when the stream ended. Throws SocketTimeoutException when
     * no byte at all arrives for {@code timeout}.
     */
    Frame readUntil(java.util.function.Predicate<Frame> wanted, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        while (true) {
            Frame frame = readFrame();
            if (frame == null || wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** Waits up to {@code timeout} for one byte: true when none came (timed out), false on a byte or end of stream. */
    boolean silentFor(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            in.read();
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        }
    }

    private Frame readFrame() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int length = (b0 << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt() & 0x7fffffff;
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(type, flags, stream, payload);
    }

    private void writeFrame(int type, int flags, byte[] payload) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(9);
        header.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
        header.put((byte) type).put((byte) flags).putInt(0);
        out.write(header.array());
        out.write(payload);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
