package io.github.qdrantjca.faults.support;

import static io.github.qdrantjca.faults.app.FaultNames.CALL_TIMEOUT_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.CONNECT_TIMEOUT_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.POOL_WAIT_MILLIS;
import static io.github.qdrantjca.faults.app.FaultNames.VALIDATION_TIMEOUT_MILLIS;

import java.time.Duration;

/** The time bounds the scenarios hold, from the pools' settings ({@code FaultNames}), each with 500 ms of margin. */
final class Bounds {

    /** Upper bound of one call: its deadline + 500 ms. */
    static final long CALL = CALL_TIMEOUT_MILLIS + 500;
    /** Upper bound of one borrow: validation, then opening a new connection, + 500 ms. */
    static final long BORROW = VALIDATION_TIMEOUT_MILLIS + CONNECT_TIMEOUT_MILLIS + 500;
    /** Upper bound of a borrow that waits for a full pool: the wait time + 500 ms. */
    static final long WAIT = POOL_WAIT_MILLIS + 500;
    /** How long a scenario waits for the server to recover from a fault. */
    static final Duration RECOVERY = Duration.ofSeconds(30);

    private Bounds() {}
}
