package io.github.qdrantjca.adapter.outbound;

import io.github.qdrantjca.adapter.transport.ChannelSettings;
import io.github.qdrantjca.adapter.transport.Endpoint;
import jakarta.resource.spi.InvalidPropertyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validated, immutable configuration of one pool: the check of each property declared in
 * {@link ConfigProperties} (whose descriptions say what each component means; durations are the
 * {@code ...Millis} properties, zero where a property's 0 means "off"). Every message names the
 * property and the rejected value. The API key is confidential and never part of {@link #toString()}.
 */
public record QdrantAdapterConfig(
        List<Endpoint> endpoints,
        boolean useTls,
        Path trustCertificate,
        String apiKey,
        Duration callTimeout,
        Duration connectTimeout,
        Duration validationTimeout,
        ValidationMode validationMode,
        boolean connectionTracing,
        int sharedChannels,
        Duration keepAliveTime,
        Duration keepAliveTimeout,
        Duration maxConnectionAge) {

    /** The most channels {@code sharedChannels} may ask for per node and API key. */
    public static final int MAX_SHARED_CHANNELS = 1024;
    /** gRPC Java sends keepalive pings at most this often (it raises any shorter interval to it). */
    public static final long MIN_KEEPALIVE_MILLIS = 10_000;

    /** How {@code getInvalidConnections} checks a connection. */
    public enum ValidationMode {
        /** The gRPC channel must reach READY within the validation deadline. */
        CHANNEL,
        /** Qdrant's health RPC must answer within the validation deadline. */
        HEALTH
    }

    public QdrantAdapterConfig {
        endpoints = List.copyOf(endpoints);
    }

    /** What the transport needs of this configuration. */
    public ChannelSettings channelSettings() {
        return new ChannelSettings(useTls, trustCertificate, connectTimeout, keepAliveTime, keepAliveTimeout,
                sharedChannels);
    }

    /**
     * Checks every property (by name, as {@link ConfigProperties#values} gives them) and returns the
     * configuration they describe.
     *
     * @throws InvalidPropertyException naming the first invalid property and its value
     */
    public static QdrantAdapterConfig validate(Map<String, Object> v) throws InvalidPropertyException {
        List<Endpoint> endpoints = endpoints((String) v.get("host"), (Integer) v.get("port"), (String) v.get("hosts"));
        boolean useTls = required("useTls", (Boolean) v.get("useTls"));
        Path trust = trustCertificate((String) v.get("trustCertificate"), useTls);
        String apiKey = (String) v.get("apiKey");
        apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey;
        if (apiKey != null && apiKey.isBlank()) {
            throw invalid("apiKey must not be blank (leave it empty for none)");
        }
        Duration call = millis("callTimeoutMillis", v, 1, Long.MAX_VALUE);
        Duration connect = millis("connectTimeoutMillis", v, 1, Integer.MAX_VALUE);
        Duration validation = millis("validationTimeoutMillis", v, 1, Long.MAX_VALUE);
        ValidationMode mode = validationMode((String) v.get("validationMode"));
        boolean tracing = required("connectionTracing", (Boolean) v.get("connectionTracing"));
        int shared = sharedChannels((Integer) v.get("sharedChannels"));
        Duration keepAlive = millis("keepAliveTimeMillis", v, 0, Long.MAX_VALUE);
        if (!keepAlive.isZero() && keepAlive.toMillis() < MIN_KEEPALIVE_MILLIS) {
            throw invalid("keepAliveTimeMillis must be 0 (off) or at least " + MIN_KEEPALIVE_MILLIS
                    + " (gRPC's shortest keepalive interval), was " + keepAlive.toMillis());
        }
        Duration keepAliveTimeout = millis("keepAliveTimeoutMillis", v, 1, Long.MAX_VALUE);
        Duration maxAge = millis("maxConnectionAgeMillis", v, 0, Long.MAX_VALUE);
        return new QdrantAdapterConfig(endpoints, useTls, trust, apiKey, call, connect, validation, mode, tracing,
                shared, keepAlive, keepAliveTimeout, maxAge);
    }

    private static List<Endpoint> endpoints(String host, Integer port, String hosts) throws InvalidPropertyException {
        if (hosts != null && !hosts.isBlank()) {
            List<Endpoint> list = new ArrayList<>();
            for (String entry : hosts.split(",", -1)) {
                list.add(hostsEntry(entry.trim(), hosts));
            }
            return list;
        }
        if (host == null || host.isBlank()) {
            throw invalid("host must not be blank, was '" + (host == null ? "null" : host) + "'");
        }
        if (host.strip().chars().anyMatch(Character::isWhitespace)) {
            throw invalid("host must not contain whitespace, was '" + host + "'");
        }
        if (port == null || port < 1 || port > 65535) {
            throw invalid("port must be 1-65535, was " + port);
        }
        return List.of(new Endpoint(host.strip(), port));
    }

    private static Endpoint hostsEntry(String entry, String hosts) throws InvalidPropertyException {
        int colon = entry.lastIndexOf(':');
        if (entry.isEmpty() || colon <= 0 || colon == entry.length() - 1
                || entry.substring(0, colon).chars().anyMatch(Character::isWhitespace)) {
            throw invalid("hosts must be a comma-separated list of host:port, entry '" + entry
                    + "' is not (hosts was '" + hosts + "')");
        }
        String portText = entry.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw invalid("hosts entry '" + entry + "' must have a port 1-65535, was '" + portText + "'");
        }
        String host = entry.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(host, port);
    }

    private static Path trustCertificate(String value, boolean useTls) throws InvalidPropertyException {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!useTls) {
            throw invalid("trustCertificate is set ('" + value
                    + "') but useTls is false; set useTls=true or clear trustCertificate");
        }
        Path path = Path.of(value.strip());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw invalid("trustCertificate must be a readable PEM file, was '" + value + "'");
        }
        return path;
    }

    private static Duration millis(String name, Map<String, Object> values, long min, long max)
            throws InvalidPropertyException {
        Long value = (Long) values.get(name);
        if (value == null || value < min || value > max) {
            throw invalid(name + " must be " + (min == 0 ? "0 or more" : "greater than 0")
                    + (max == Long.MAX_VALUE ? "" : " and at most " + max) + ", was " + value);
        }
        return Duration.ofMillis(value);
    }

    private static ValidationMode validationMode(String value) throws InvalidPropertyException {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "channel" -> ValidationMode.CHANNEL;
            case "health" -> ValidationMode.HEALTH;
            default -> throw invalid("validationMode must be 'channel' or 'health', was '" + value + "'");
        };
    }

    private static int sharedChannels(Integer value) throws InvalidPropertyException {
        if (value == null || value < 0 || value > MAX_SHARED_CHANNELS) {
            throw invalid("sharedChannels must be 0 (one gRPC channel per pooled connection) or 1-"
                    + MAX_SHARED_CHANNELS + " (channels the pooled connections share), was " + value);
        }
        return value;
    }

    private static boolean required(String name, Boolean value) throws InvalidPropertyException {
        if (value == null) {
            throw invalid(name + " must be true or false, was null");
        }
        return value;
    }

    private static InvalidPropertyException invalid(String message) {
        return new InvalidPropertyException("Invalid Qdrant adapter configuration: " + message);
    }

    @Override
    public String toString() {
        return "QdrantAdapterConfig[endpoints=" + endpoints + ", useTls=" + useTls
                + ", trustCertificate=" + trustCertificate + ", apiKey=" + (apiKey == null ? "(none)" : "****")
                + ", callTimeout=" + callTimeout.toMillis() + "ms, connectTimeout=" + connectTimeout.toMillis()
                + "ms, validationTimeout=" + validationTimeout.toMillis() + "ms, validationMode="
                + validationMode.name().toLowerCase(Locale.ROOT) + ", connectionTracing=" + connectionTracing
                + ", sharedChannels=" + sharedChannels + ", keepAliveTime=" + keepAliveTime.toMillis()
                + "ms, keepAliveTimeout=" + keepAliveTimeout.toMillis() + "ms, maxConnectionAge="
                + maxConnectionAge.toMillis() + "ms]";
    }
}
