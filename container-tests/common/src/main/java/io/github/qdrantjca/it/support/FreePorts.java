package io.github.qdrantjca.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Finds ports no one listens on, for servers whose ports are set as a base plus an offset. */
public final class FreePorts {

    private FreePorts() {}

    /**
     * An offset such that every {@code basePorts[i] + offset} can be bound now, on the loopback and
     * the wildcard address.
     */
    public static int offsetFor(int... basePorts) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(100, 40_000);
            boolean allFree = true;
            for (int base : basePorts) {
                if (!isFree(base + offset)) {
                    allFree = false;
                    break;
                }
            }
            if (allFree) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset found after 200 attempts");
    }

    /** A port that was free a moment ago (the operating system's choice). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** Whether {@code port} can be bound now. */
    public static boolean isFree(int port) {
        if (port < 1 || port > 65_535) {
            return false;
        }
        try (ServerSocket wildcard = new ServerSocket()) {
            wildcard.setReuseAddress(false);
            wildcard.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            return false;
        }
        try (ServerSocket loopback = new ServerSocket()) {
            loopback.setReuseAddress(false);
            loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
