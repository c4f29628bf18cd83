package broadcast.api;

/**
 * Told the outcome of every message the client sent, in the order the hub reports them. Called on
 * the callback executor.
 */
@FunctionalInterface
public interface OutcomeListener {
    /** The hub reported what became of a message. */
    void onOutcome(BroadcastClient client, Outcome outcome);
}
