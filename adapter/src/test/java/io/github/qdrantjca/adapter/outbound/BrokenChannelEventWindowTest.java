package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import io.grpc.Status;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shared channel breaks: while the container handles the first CONNECTION_ERROR_OCCURRED (WildFly
 * logs a stack trace per event, milliseconds each), a borrower asks {@code matchManagedConnections}
 * about the other managed connections of that channel. None may be matched: all are marked broken
 * before the first event is fired.
 */
class BrokenChannelEventWindowTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension();

    private static final int CONNECTIONS = 4;

    @Test
    void whileTheContainerHandlesTheFirstEventNoOtherConnectionOnTheBrokenChannelIsMatched() throws Exception {
        QdrantManagedConnectionFactory mcf = Fixtures.mcf(QDRANT);
        mcf.setSharedChannels(1);
        List<QdrantManagedConnection> connections = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            connections.add((QdrantManagedConnection) mcf.createManagedConnection(null, null));
        }
        // For each event: how many of the other connections a borrower would have been given at that moment.
        Map<Object, Integer> matchedDuringEvent = new ConcurrentHashMap<>();
        for (QdrantManagedConnection mc : connections) {
            mc.addConnectionEventListener(new BorrowerDuringEvent(mcf, connections, matchedDuringEvent));
        }
        try {
            QDRANT.emulator().failNext("qdrant.Qdrant/HealthCheck", 1, Status.UNAVAILABLE.withDescription("injected"));
            try (QdrantConnection handle = (QdrantConnection) connections.get(0).getConnection(null, null)) {
                assertThatThrownBy(() -> handle.client().healthCheckAsync().get())
                        .isInstanceOf(ExecutionException.class).hasRootCauseMessage("UNAVAILABLE: injected");
            }

            assertThat(matchedDuringEvent).hasSize(CONNECTIONS); // every connection on the channel reported once
            assertThat(matchedDuringEvent.values()).containsOnly(0);
        } finally {
            for (QdrantManagedConnection mc : connections) {
                mc.destroy();
            }
        }
    }

    /** A container's borrower, running inside the event as WildFly's pool may while it handles it. */
    private record BorrowerDuringEvent(QdrantManagedConnectionFactory mcf, List<QdrantManagedConnection> all,
            Map<Object, Integer> matched) implements ConnectionEventListener {

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            int count = 0;
            for (QdrantManagedConnection other : all) {
                try {
                    if (other != event.getSource() && mcf.matchManagedConnections(Set.of(other), null, null) != null) {
                        count++;
                    }
                } catch (ResourceException e) {
                    throw new IllegalStateException(e);
                }
            }
            matched.merge(event.getSource(), count, Integer::sum);
        }

        @Override
        public void connectionClosed(ConnectionEvent event) {
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
        }
    }
}
