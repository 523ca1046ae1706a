package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionFactory;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import javax.naming.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The application-facing factory outside a container: unpooled, serializable, referenceable. */
class ConnectionFactoryTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    @Test
    void withoutAContainerEachHandleHasItsOwnConnectionClosedWithIt() throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        QdrantConnectionFactory factory = (QdrantConnectionFactory) mcf.createConnectionFactory();

        try (QdrantConnection a = factory.getConnection(); QdrantConnection b = factory.getConnection()) {
            assertThat(a.client().listCollectionsAsync().get()).isNotNull();
            assertThat(b.client().listCollectionsAsync().get()).isNotNull();
            assertThat(factory.statistics().physicalOpen()).isEqualTo(2);
            assertThat(factory.statistics().handlesOpen()).isEqualTo(2);
        }

        assertThat(factory.statistics().physicalCreated()).isEqualTo(2);
        assertThat(factory.statistics().physicalOpen()).isZero();
        assertThat(factory.statistics().handlesOpen()).isZero();
        if (QDRANT.isEmulated()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> QDRANT.emulator().openConnections() == 0);
        }
    }

    @Test
    void theFactorySurvivesSerializationWithItsConfiguration() throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        QdrantConnectionFactoryImpl factory = (QdrantConnectionFactoryImpl) mcf.createConnectionFactory();
        Reference reference = new Reference(QdrantConnectionFactory.class.getName());
        factory.setReference(reference);

        QdrantConnectionFactory copy = roundTrip(factory);

        assertThat(copy.getReference()).isEqualTo(reference);
        try (QdrantConnection c = copy.getConnection()) {
            assertThat(c.client().listCollectionsAsync().get()).isNotNull();
        }
        assertThat(copy.statistics().physicalCreated()).isEqualTo(1);
        assertThat(copy.statistics().physicalOpen()).isZero();
    }

    private static QdrantConnectionFactory roundTrip(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (QdrantConnectionFactory) in.readObject();
        }
    }
}
