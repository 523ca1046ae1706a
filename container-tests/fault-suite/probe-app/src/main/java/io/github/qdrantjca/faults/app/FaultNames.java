package io.github.qdrantjca.faults.app;

/**
 * Names and settings shared by the fault-suite WARs, the server configurations and the tests: the
 * pools (by simple name; each server binds them under its own JNDI prefix), their settings, and the
 * two distinctive API keys whose absence from logs and messages the suite checks.
 */
public final class FaultNames {

    /** Pool of the load scenarios: plaintext, no key. */
    public static final String LOAD = "FaultLoad";
    /** The load pool's settings, with its managed connections sharing one gRPC channel ({@code sharedChannels=1}). */
    public static final String SHARED = "FaultShared";
    /** Pool with the key the keyed Qdrant accepts ({@link #API_KEY_A}). */
    public static final String KEY_A = "FaultKeyA";
    /** Pool with another key ({@link #API_KEY_B}), which the keyed Qdrant rejects. */
    public static final String KEY_B = "FaultKeyB";
    /** TLS with the test certificate as trust store, against the TLS Qdrant. */
    public static final String TLS = "FaultTls";
    /** TLS against the plaintext Qdrant. */
    public static final String TLS_TO_PLAIN = "FaultTlsToPlain";
    /** Plaintext against the TLS Qdrant. */
    public static final String PLAIN_TO_TLS = "FaultPlainToTls";
    /**
     * Keepalive at gRPC Java's floor ({@link #KEEPALIVE_TIME_MILLIS} + {@link #KEEPALIVE_TIMEOUT_MILLIS}) against the
     * Qdrant that freezes; no validation on borrow, so that only the keepalive condemns a frozen connection.
     */
    public static final String KEEPALIVE = "FaultKeepalive";
    /**
     * {@code hosts} over the two failover Qdrants, connections renewed after {@link #MAX_CONNECTION_AGE_MILLIS},
     * validated on borrow (Payara at most once per {@link #VALIDATION_PERIOD_SECONDS}).
     */
    public static final String FAILOVER = "FaultFailover";
    /** The pool with an invalid port, in its own deployment. */
    public static final String INVALID = "FaultInvalid";

    /** Maximum size of the load pool. */
    public static final int LOAD_POOL_MAX = 4;
    /** Maximum size of every other pool. */
    public static final int SMALL_POOL_MAX = 2;
    /** How long a caller waits for a free connection of a full pool. */
    public static final int POOL_WAIT_MILLIS = 1000;
    /** callTimeoutMillis of the pools. */
    public static final int CALL_TIMEOUT_MILLIS = 1000;
    /** connectTimeoutMillis of the pools. */
    public static final int CONNECT_TIMEOUT_MILLIS = 1000;
    /** validationTimeoutMillis of the pools. */
    public static final int VALIDATION_TIMEOUT_MILLIS = 500;
    /** keepAliveTimeMillis of {@link #KEEPALIVE}: gRPC Java's floor. */
    public static final int KEEPALIVE_TIME_MILLIS = 10_000;
    /** keepAliveTimeoutMillis of {@link #KEEPALIVE}: ample for a loopback answer on a loaded machine. */
    public static final int KEEPALIVE_TIMEOUT_MILLIS = 2_000;
    /** Maximum size of {@link #KEEPALIVE}: a held connection, idle ones and the workers' ones. */
    public static final int KEEPALIVE_POOL_MAX = 6;
    /** maxConnectionAgeMillis of {@link #FAILOVER}. */
    public static final int MAX_CONNECTION_AGE_MILLIS = 3_000;
    /**
     * callTimeoutMillis of {@link #FAILOVER}: long enough that a call slowed by a loaded machine is not
     * mistaken for a failure of the renewal (a node's outage still fails its calls at once).
     */
    public static final int FAILOVER_CALL_TIMEOUT_MILLIS = 5_000;
    /** Payara's validate-at-most-once-period-in-seconds of {@link #FAILOVER} (WildFly validates every borrow). */
    public static final int VALIDATION_PERIOD_SECONDS = 1;
    /** The invalid port of {@link #INVALID}. */
    public static final int INVALID_PORT = 70000;

    /** The key the keyed Qdrant accepts: distinctive, so that a log scan finds any copy of it. */
    public static final String API_KEY_A = "qk-FAULTSUITE-7c1e94d2a5-KEYA";
    /** A second key, which the keyed Qdrant rejects. */
    public static final String API_KEY_B = "qk-FAULTSUITE-3b8a05f6e1-KEYB";

    /** Collection the load workers search. */
    public static final String COLLECTION = "faults";
    /** Vector size of {@link #COLLECTION}. */
    public static final int DIMENSION = 4;

    private FaultNames() {}
}
