package broadcast.api;

/** The state of a client's connection to the hub. */
public enum ConnectionState {
    /** Created, or {@code connect()} called and the first connection not yet made. */
    CONNECTING,
    /** Connected and accepted by the hub; subscriptions sent. */
    CONNECTED,
    /** The connection was lost; a reconnection is about to be scheduled. */
    DISCONNECTED,
    /** Waiting to retry, or retrying, after a lost connection. */
    RECONNECTING,
    /** Closed by {@code close()}, refused by the hub, or out of reconnection attempts. Final. */
    CLOSED
}
