package broadcast.api;

/**
 * Why the hub refused or closed a connection, or refused a request. Carried in ERROR frames and in
 * {@link BroadcastException#code()}.
 */
public enum ErrorCode {
    /** The peer broke the protocol: a bad magic, an unknown frame kind, a frame out of place. */
    PROTOCOL_ERROR,
    /** The HELLO asked for a protocol version the hub does not speak. */
    UNSUPPORTED_VERSION,
    /** The HELLO asked for a codec the hub does not have; the message lists the ones it has. */
    UNKNOWN_CODEC,
    /** A frame could not be decoded by the connection's codec. */
    CODEC_ERROR,
    /** A frame was longer than the agreed maximum frame size. */
    FRAME_TOO_LARGE,
    /** The token was missing or wrong. Not retried. */
    UNAUTHORIZED,
    /** The user may not do this: take that name, publish or subscribe there. */
    FORBIDDEN,
    /** A name (client, channel) is invalid or too long. */
    INVALID_NAME,
    /** A limit of the hub was reached: connections, subscriptions. */
    LIMIT_EXCEEDED,
    /** No HELLO arrived in time. */
    HANDSHAKE_TIMEOUT,
    /** Nothing arrived from the peer within the heartbeat timeout. */
    HEARTBEAT_TIMEOUT,
    /** Another connection took this client's name. */
    TAKEN_OVER,
    /** The recipient could not keep up and stayed stuck past the slow-consumer timeout. */
    SLOW_CONSUMER,
    /** The hub is shutting down. */
    SHUTTING_DOWN,
    /** A failure inside the hub. */
    INTERNAL_ERROR;

    /** Whether a client that receives this code should stop reconnecting. */
    public boolean fatal() {
        return this == UNAUTHORIZED || this == FORBIDDEN || this == UNSUPPORTED_VERSION
                || this == UNKNOWN_CODEC || this == INVALID_NAME;
    }
}
