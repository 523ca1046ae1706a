package io.github.qdrantjca.bench.driver;

import io.github.qdrantjca.bench.harness.LoadResult;
import java.util.Properties;

/**
 * All measured rounds of one client at one concurrency.
 *
 * @param result the rounds merged (calls, errors, time, latencies)
 * @param ownConnectionsMax the most connections this client had open at Qdrant during any round
 * @param serverConnectionsMax the most connections open at Qdrant (all clients) during any round
 * @param rpcs RPCs Qdrant received during the rounds (warm-up included), to set against
 *     {@link LoadResult#attempted()}: more RPCs than calls means the client adds calls of its own
 */
record LoadRow(LoadResult result, long ownConnectionsMax, long serverConnectionsMax, long rpcs) {

    /** RPCs Qdrant received per call the application made. */
    double rpcsPerCall() {
        return result.attempted() == 0 ? 0 : (double) rpcs / result.attempted();
    }

    LoadRow plus(LoadRow other) {
        return new LoadRow(result.plus(other.result), Math.max(ownConnectionsMax, other.ownConnectionsMax),
                Math.max(serverConnectionsMax, other.serverConnectionsMax), rpcs + other.rpcs);
    }

    void store(Properties p, String prefix) {
        result.store(p, prefix);
        p.setProperty(prefix + "ownConnectionsMax", Long.toString(ownConnectionsMax));
        p.setProperty(prefix + "serverConnectionsMax", Long.toString(serverConnectionsMax));
        p.setProperty(prefix + "rpcs", Long.toString(rpcs));
    }

    static LoadRow load(Properties p, String prefix) {
        return new LoadRow(LoadResult.load(p, prefix), Long.parseLong(p.getProperty(prefix + "ownConnectionsMax")),
                Long.parseLong(p.getProperty(prefix + "serverConnectionsMax")),
                Long.parseLong(p.getProperty(prefix + "rpcs", "0")));
    }
}
