package io.github.qdrantjca.sample.documents;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the sample's collection is known to exist. Before the first document is indexed a search
 * checks for the collection and answers an empty list without searching: a search of a missing
 * collection is an error that the Qdrant client logs at ERROR with a stack trace.
 */
@ApplicationScoped
public class KnownCollection {

    private volatile boolean exists;

    /** Whether the collection was seen to exist. */
    public boolean exists() {
        return exists;
    }

    /** Records that the collection exists. */
    public void markExists() {
        exists = true;
    }

    /** Records that the collection is gone (deleted, or a Qdrant without persistence restarted). */
    public void forget() {
        exists = false;
    }
}
