package io.github.qdrantjca.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.qdrantjca.adapter.api.QdrantConnection;
import io.github.qdrantjca.adapter.api.QdrantConnectionSpec;
import io.github.qdrantjca.emulator.QdrantEmulatorExtension;
import io.grpc.Status;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.security.PasswordCredential;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Container-managed sign-on: the Subject's {@link PasswordCredential} for this factory gives the API
 * key; precedence spec &gt; Subject &gt; configured key; matching never crosses credentials.
 */
class ContainerSignOnTest {

    @RegisterExtension
    static final QdrantEmulatorExtension QDRANT = new QdrantEmulatorExtension().withApiKey("sign-on-right-key");

    private static final String WRONG = "sign-on-wrong-key";

    private final List<QdrantManagedConnection> opened = new ArrayList<>();
    private QdrantManagedConnectionFactory mcf;
    private String right;

    @BeforeEach
    void factoryWithoutAConfiguredKey() {
        right = QDRANT.apiKey();
        Assumptions.assumeTrue(right != null, "sign-on needs a server that requires a key (-Dqdrant.apiKey)");
        mcf = Fixtures.mcf(QDRANT.host(), QDRANT.port(), null);
    }

    @AfterEach
    void destroyAll() {
        opened.forEach(mc -> {
            try {
                mc.destroy();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Subject subject(ManagedConnectionFactory factory, String password) {
        Subject subject = new Subject();
        PasswordCredential credential = new PasswordCredential("qdrant", password.toCharArray());
        credential.setManagedConnectionFactory(factory);
        subject.getPrivateCredentials().add(credential);
        return subject;
    }

    private QdrantManagedConnection open(Subject subject, QdrantConnectionSpec spec) throws Exception {
        QdrantManagedConnection mc = (QdrantManagedConnection) mcf.createManagedConnection(subject,
                spec == null ? null : QdrantConnectionRequestInfo.of(spec));
        opened.add(mc);
        return mc;
    }

    /** The status of one call through a new handle on {@code mc}: OK or the server's refusal. */
    private static Status.Code call(QdrantManagedConnection mc, Subject subject, QdrantConnectionSpec spec)
            throws Exception {
        try (QdrantConnection c = (QdrantConnection) mc.getConnection(subject,
                spec == null ? null : QdrantConnectionRequestInfo.of(spec))) {
            c.client().listCollectionsAsync().get();
            return Status.Code.OK;
        } catch (ExecutionException e) {
            return Status.fromThrowable(e.getCause()).getCode();
        }
    }

    @Test
    void theSubjectsPasswordForThisFactoryIsTheApiKey() throws Exception {
        Subject subject = subject(mcf, right);
        QdrantManagedConnection mc = open(subject, null);

        assertThat(call(mc, subject, null)).isEqualTo(Status.Code.OK);
    }

    @Test
    void aCredentialForAnotherFactoryIsIgnored() throws Exception {
        QdrantManagedConnectionFactory other = Fixtures.mcf("elsewhere", 6334, null);
        Subject subject = subject(other, right);
        QdrantManagedConnection mc = open(subject, null);

        assertThat(call(mc, subject, null)).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void theSubjectOutranksTheConfiguredKeyAndTheSpecOutranksTheSubject() throws Exception {
        mcf.setApiKey(WRONG);
        Subject rightSubject = subject(mcf, right);
        assertThat(call(open(rightSubject, null), rightSubject, null)).isEqualTo(Status.Code.OK);

        Subject wrongSubject = subject(mcf, WRONG);
        QdrantConnectionSpec rightSpec = QdrantConnectionSpec.withApiKey(right);
        assertThat(call(open(wrongSubject, rightSpec), wrongSubject, rightSpec)).isEqualTo(Status.Code.OK);

        QdrantConnectionSpec wrongSpec = QdrantConnectionSpec.withApiKey(WRONG);
        assertThat(call(open(rightSubject, wrongSpec), rightSubject, wrongSpec)).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void matchingAndHandlesNeverCrossCredentials() throws Exception {
        Subject a = subject(mcf, right);
        Subject b = subject(mcf, WRONG);
        QdrantManagedConnection withA = open(a, null);
        QdrantManagedConnection withB = open(b, null);
        Set<QdrantManagedConnection> both = Set.of(withA, withB);

        assertThat(mcf.matchManagedConnections(both, a, null)).isSameAs(withA);
        assertThat(mcf.matchManagedConnections(both, b, null)).isSameAs(withB);
        assertThat(mcf.matchManagedConnections(Set.of(withA), b, null)).isNull();
        assertThat(mcf.matchManagedConnections(Set.of(withA), null, null)).as("no Subject, no configured key").isNull();
        // The same key from a spec is the same credential.
        assertThat(mcf.matchManagedConnections(Set.of(withA), b, QdrantConnectionRequestInfo.of(
                QdrantConnectionSpec.withApiKey(right)))).isSameAs(withA);
        assertThatThrownBy(() -> withA.getConnection(b, null))
                .isInstanceOf(jakarta.resource.spi.SecurityException.class)
                .hasMessageContaining("opened with other credentials")
                .hasMessageNotContaining(right)
                .hasMessageNotContaining(WRONG);
    }

    @Test
    void theKeyAppearsInNoToString() throws Exception {
        Subject subject = subject(mcf, right);
        QdrantManagedConnection mc = open(subject, null);
        mcf.setApiKey(WRONG);

        try (QdrantConnection c = (QdrantConnection) mc.getConnection(subject, null)) {
            assertThat(List.of(mc.toString(), mcf.toString(), c.toString(), mcf.config().toString()))
                    .allSatisfy(text -> assertThat(text).doesNotContain(right).doesNotContain(WRONG));
        }
    }
}
