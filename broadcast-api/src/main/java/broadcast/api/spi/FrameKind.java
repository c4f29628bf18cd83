package broadcast.api.spi;

/**
 * The kinds of frame after the handshake, with the byte that marks each on the wire. See
 * {@code docs/protocol.md}.
 */
public enum FrameKind {
    /** A message, client to hub or hub to client: header plus payload. */
    DATA(1),
    /** Client to hub: subscribe to channels. */
    SUBSCRIBE(2),
    /** Client to hub: unsubscribe from channels. */
    UNSUBSCRIBE(3),
    /** Hub to client: the answer to a SUBSCRIBE or UNSUBSCRIBE. */
    SUBACK(4),
    /** Recipient to hub: these persistent messages were handled. */
    ACK(5),
    /** Hub to sender: what became of these messages. */
    OUTCOME(6),
    /** Either way: are you there? No header. */
    PING(7),
    /** Either way: the answer to a PING. No header. */
    PONG(8),
    /** Either way: a failure; fatal ones are followed by closing the connection. */
    ERROR(9);

    private static final FrameKind[] BY_CODE = new FrameKind[16];

    static {
        for (FrameKind kind : values()) {
            BY_CODE[kind.code] = kind;
        }
    }

    private final int code;

    FrameKind(int code) {
        this.code = code;
    }

    /** The byte that marks this kind on the wire. */
    public int code() {
        return code;
    }

    /** The kind with that code, or {@code null} when no kind has it. */
    public static FrameKind ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
