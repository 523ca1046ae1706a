package io.github.qdrantjca.faults.support;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** What the scenarios need from the server they run in; a server module's test class implements it. */
public interface FaultServer {

    /** The report of this run (one per test class). */
    FaultReport report();

    /** Base URI of the fault-suite WAR, ending with {@code /}. */
    URI application();

    /** Base URI of MicroProfile Health, ending with {@code /}. */
    URI health();

    /** The JNDI name of the pool called {@code pool} (a {@code FaultNames} constant) on this server. */
    String jndi(String pool);

    /** Deploys the fault-suite WAR (Qdrant may be down). */
    void deployApplication() throws Exception;

    /**
     * Undeploys and deploys the fault-suite WAR again; with {@code adapterToo}, undeploys the WAR and
     * {@code qdrant-rar.rar}, then deploys both again.
     */
    void redeploy(boolean adapterToo) throws Exception;

    /**
     * Deploys a pool whose port is {@code FaultNames.INVALID_PORT} and returns what the server or the
     * application reported (deployment failure, or the error of using the pool).
     */
    String deployInvalidConfiguration() throws Exception;

    /** The server's log files of this run. */
    List<Path> serverLogs();

    /**
     * The names of the threads of this server's own worker pools (digits written {@code #}, as
     * {@code probe/threads} reports them), which redeploys make grow up to the pools' maximum: scenario
     * 5 counts them apart from the threads a leak would add.
     */
    Pattern serverPoolThreads();

    /** What this server says when no connection of a full pool became free within the wait time. */
    Pattern poolTimeoutMessage();

    /**
     * The code of the record above INFO that this server logs whenever it destroys a pooled
     * connection the adapter declined to match (the adapter declines a connection past
     * {@code maxConnectionAgeMillis}), or null when it logs nothing then.
     */
    String declinedMatchWarning();
}
