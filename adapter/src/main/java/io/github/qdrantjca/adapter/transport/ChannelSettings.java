package io.github.qdrantjca.adapter.transport;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the transport needs to open and keep physical connections, already validated.
 *
 * @param useTls whether the gRPC channel uses TLS
 * @param trustCertificate PEM file of trusted certificates, or {@code null} for the JVM default
 * @param connectTimeout what one node gets to accept a connection and answer the health check
 * @param keepAliveTime HTTP/2 ping interval on a silent connection, also while idle; zero: off
 * @param keepAliveTimeout how long a ping may go unanswered before the connection is given up
 * @param sharedChannels 0: a channel per managed connection; N: at most N shared per node and key
 */
public record ChannelSettings(boolean useTls, Path trustCertificate, Duration connectTimeout,
        Duration keepAliveTime, Duration keepAliveTimeout, int sharedChannels) {}
