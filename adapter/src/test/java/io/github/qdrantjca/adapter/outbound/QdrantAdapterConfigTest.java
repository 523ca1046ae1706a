package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qdrantjca.adapter.outbound.QdrantAdapterConfig.ValidationMode;
import io.github.qdrantjca.adapter.transport.Endpoint;
import jakarta.resource.spi.InvalidPropertyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QdrantAdapterConfigTest {

    @Test
    void defaultsAreValidAndDescribeOneLocalPlaintextNode() throws Exception {
        QdrantAdapterConfig config = new QdrantManagedConnectionFactory().config();

        assertThat(config.endpoints()).containsExactly(new Endpoint("localhost", 6334));
        assertThat(config.useTls()).isFalse();
        assertThat(config.trustCertificate()).isNull();
        assertThat(config.apiKey()).isNull();
        assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.validationTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.validationMode()).isEqualTo(ValidationMode.HEALTH);
        assertThat(config.connectionTracing()).isFalse();
        assertThat(config.sharedChannels()).isZero();
        assertThat(config.keepAliveTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.keepAliveTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.maxConnectionAge()).isZero();
    }

    @Test
    void hostsOverridesHostAndPortInOrder() throws Exception {
        QdrantManagedConnectionFactory mcf = new QdrantManagedConnectionFactory();
        mcf.setHost("ignored");
        mcf.setHosts(" db-1:6334, db-2:7334 ,[::1]:6335");

        assertThat(mcf.config().endpoints()).containsExactly(
                new Endpoint("db-1", 6334), new Endpoint("db-2", 7334), new Endpoint("::1", 6335));
    }

    @Test
    void apiKeyIsNeverInToString() throws Exception {
        QdrantManagedConnectionFactory mcf = new QdrantManagedConnectionFactory();
        mcf.setApiKey("s3cr3t-key");

        assertThat(mcf.config().apiKey()).isEqualTo("s3cr3t-key");
        assertThat(mcf.config().toString()).doesNotContain("s3cr3t").contains("apiKey=****");
        assertThat(mcf.toString()).doesNotContain("s3cr3t");
        assertThat(QdrantConnectionRequestInfo.of(
                io.github.qdrantjca.adapter.api.QdrantConnectionSpec.withApiKey("s3cr3t-key")).toString())
                .doesNotContain("s3cr3t");
    }

    @Test
    void aSetterMakesTheNextUseValidateAgain() throws Exception {
        QdrantManagedConnectionFactory mcf = new QdrantManagedConnectionFactory();
        assertThat(mcf.config().endpoints()).hasSize(1);

        mcf.setPort(70000);

        assertThatThrownBy(mcf::config).hasMessageContaining("port must be 1-65535, was 70000");
    }

    @Test
    void equalityFollowsTheConfiguration() {
        QdrantManagedConnectionFactory a = new QdrantManagedConnectionFactory();
        QdrantManagedConnectionFactory b = new QdrantManagedConnectionFactory();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);

        b.setApiKey("k");

        assertThat(a).isNotEqualTo(b);
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                invalid("host empty", m -> m.setHost(""), "host must not be blank, was ''"),
                invalid("host null", m -> m.setHost(null), "host must not be blank, was 'null'"),
                invalid("host with space", m -> m.setHost("db 1"), "host must not contain whitespace, was 'db 1'"),
                invalid("port 0", m -> m.setPort(0), "port must be 1-65535, was 0"),
                invalid("port 70000", m -> m.setPort(70000), "port must be 1-65535, was 70000"),
                invalid("port null", m -> m.setPort(null), "port must be 1-65535, was null"),
                invalid("hosts entry without port", m -> m.setHosts("db-1:6334,db-2"),
                        "hosts must be a comma-separated list of host:port, entry 'db-2' is not (hosts was 'db-1:6334,db-2')"),
                invalid("hosts empty entry", m -> m.setHosts("db-1:6334,,db-2:6334"),
                        "entry '' is not"),
                invalid("hosts bad port", m -> m.setHosts("db-1:http"),
                        "hosts entry 'db-1:http' must have a port 1-65535, was 'http'"),
                invalid("hosts port out of range", m -> m.setHosts("db-1:6334,db-2:99999"),
                        "hosts entry 'db-2:99999' must have a port 1-65535, was '99999'"),
                invalid("useTls null", m -> m.setUseTls(null), "useTls must be true or false, was null"),
                invalid("trustCertificate without TLS", m -> m.setTrustCertificate("/etc/ca.pem"),
                        "trustCertificate is set ('/etc/ca.pem') but useTls is false"),
                invalid("trustCertificate missing", m -> {
                    m.setUseTls(true);
                    m.setTrustCertificate("/no/such/ca.pem");
                }, "trustCertificate must be a readable PEM file, was '/no/such/ca.pem'"),
                invalid("apiKey blank", m -> m.setApiKey("   "), "apiKey must not be blank"),
                invalid("callTimeoutMillis 0", m -> m.setCallTimeoutMillis(0L),
                        "callTimeoutMillis must be greater than 0, was 0"),
                invalid("callTimeoutMillis null", m -> m.setCallTimeoutMillis(null),
                        "callTimeoutMillis must be greater than 0, was null"),
                invalid("connectTimeoutMillis negative", m -> m.setConnectTimeoutMillis(-5L),
                        "connectTimeoutMillis must be greater than 0 and at most 2147483647, was -5"),
                invalid("connectTimeoutMillis too large", m -> m.setConnectTimeoutMillis(3_000_000_000L),
                        "connectTimeoutMillis must be greater than 0 and at most 2147483647, was 3000000000"),
                invalid("keepAliveTimeMillis below gRPC's floor", m -> m.setKeepAliveTimeMillis(5_000L),
                        "keepAliveTimeMillis must be 0 (off) or at least 10000 (gRPC's shortest keepalive interval), "
                                + "was 5000"),
                invalid("keepAliveTimeMillis negative", m -> m.setKeepAliveTimeMillis(-1L),
                        "keepAliveTimeMillis must be 0 or more, was -1"),
                invalid("keepAliveTimeoutMillis 0", m -> m.setKeepAliveTimeoutMillis(0L),
                        "keepAliveTimeoutMillis must be greater than 0, was 0"),
                invalid("maxConnectionAgeMillis negative", m -> m.setMaxConnectionAgeMillis(-1L),
                        "maxConnectionAgeMillis must be 0 or more, was -1"),
                invalid("validationTimeoutMillis 0", m -> m.setValidationTimeoutMillis(0L),
                        "validationTimeoutMillis must be greater than 0, was 0"),
                invalid("validationMode unknown", m -> m.setValidationMode("ping"),
                        "validationMode must be 'channel' or 'health', was 'ping'"),
                invalid("validationMode null", m -> m.setValidationMode(null),
                        "validationMode must be 'channel' or 'health', was 'null'"),
                invalid("connectionTracing null", m -> m.setConnectionTracing(null),
                        "connectionTracing must be true or false, was null"),
                invalid("sharedChannels negative", m -> m.setSharedChannels(-1),
                        "sharedChannels must be 0 (one gRPC channel per pooled connection) or 1-1024 (channels the "
                                + "pooled connections share), was -1"),
                invalid("sharedChannels too many", m -> m.setSharedChannels(1025),
                        "sharedChannels must be 0 (one gRPC channel per pooled connection) or 1-1024 (channels the "
                                + "pooled connections share), was 1025"),
                invalid("sharedChannels null", m -> m.setSharedChannels(null),
                        "sharedChannels must be 0 (one gRPC channel per pooled connection) or 1-1024 (channels the "
                                + "pooled connections share), was null"));
    }

    private static Arguments invalid(String name, Consumer<QdrantManagedConnectionFactory> setter, String message) {
        return Arguments.of(name, setter, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void eachInvalidValueIsRejectedWithAMessageNamingPropertyAndValue(
            String name, Consumer<QdrantManagedConnectionFactory> setter, String message) {
        QdrantManagedConnectionFactory mcf = new QdrantManagedConnectionFactory();
        setter.accept(mcf);

        assertThatThrownBy(() -> mcf.createConnectionFactory())
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageStartingWith("Invalid Qdrant adapter configuration: ")
                .hasMessageContaining(message);
    }

    @Test
    void validationModeIsCaseInsensitiveAndTrustFileIsAccepted() throws Exception {
        Path pem = Files.createTempFile("trust", ".pem");
        try {
            QdrantManagedConnectionFactory mcf = new QdrantManagedConnectionFactory();
            mcf.setValidationMode("Channel");
            mcf.setUseTls(true);
            mcf.setTrustCertificate(pem.toString());

            QdrantAdapterConfig config = mcf.config();

            assertThat(config.validationMode()).isEqualTo(ValidationMode.CHANNEL);
            assertThat(config.trustCertificate()).isEqualTo(pem);
            assertThat(List.of(config.useTls())).containsExactly(true);
        } finally {
            Files.delete(pem);
        }
    }
}
