package io.github.qdrantjca.it.app;

/**
 * Sizes of the test pools, each used by one kind of test so that its counts are its own: a
 * bounded pool (at most {@value #BOUNDED_MAX} connections) and a leaky pool (1 connection).
 * Where they are defined depends on the server: {@code payara.PayaraProbePools} (annotations) or
 * the WildFly test module's CLI script.
 */
public final class ProbePools {

    /** Maximum size of the bounded pool. */
    public static final int BOUNDED_MAX = 3;

    /** Maximum size of the leaky pool. */
    public static final int LEAKY_MAX = 1;

    private ProbePools() {}
}
