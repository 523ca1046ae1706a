package io.github.qdrantjca.adapter.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.security.PasswordCredential;
import javax.security.auth.Subject;

/**
 * Where a managed connection's API key comes from, in this order: the request's
 * {@code QdrantConnectionSpec}; the password of the container's Subject's {@link PasswordCredential}
 * for this factory (container-managed sign-on); the configured {@code apiKey}. A key is never
 * logged, and never part of a message or a {@code toString}.
 */
final class Credentials {

    private Credentials() {}

    /** The API key for a request to {@code factory}, or {@code null} for none. */
    static String apiKey(QdrantManagedConnectionFactory factory, Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        String requested = QdrantConnectionRequestInfo.from(info).apiKey();
        if (requested != null) {
            return requested;
        }
        String signOn = subject == null ? null : fromSubject(factory, subject);
        return signOn != null ? signOn : factory.config().apiKey();
    }

    private static String fromSubject(ManagedConnectionFactory factory, Subject subject) {
        for (PasswordCredential credential : subject.getPrivateCredentials(PasswordCredential.class)) {
            char[] password = credential.getPassword();
            if (factory.equals(credential.getManagedConnectionFactory()) && password != null && password.length > 0) {
                return new String(password);
            }
        }
        return null;
    }
}
