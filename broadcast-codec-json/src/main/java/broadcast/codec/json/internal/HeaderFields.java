package broadcast.codec.json.internal;

/**
 * The JSON field names of frame headers: the wire contract of the {@code json} codec, documented in
 * {@code docs/protocol.md} and fixed by the golden file of the tests. Never rename one.
 */
final class HeaderFields {

    // DATA
    static final String ID = "id";
    static final String SENDER = "sender";
    static final String CLIENT = "client";
    static final String CHANNEL = "channel";
    static final String NAME = "name";
    static final String PERSISTENT = "persistent";
    static final String EXPIRES_AT = "expiresAt";
    static final String CONTENT_TYPE = "contentType";
    static final String FLAGS = "flags";

    // SUBSCRIBE, UNSUBSCRIBE, SUBACK
    static final String REQUEST_ID = "requestId";
    static final String CHANNELS = "channels";
    static final String REFUSED = "refused";

    // ACK
    static final String IDS = "ids";

    // OUTCOME
    static final String OUTCOMES = "outcomes";
    static final String STATUS = "status";
    static final String REASON = "reason";
    static final String DETAIL = "detail";

    // ERROR, and the refusals of SUBACK
    static final String CODE = "code";
    static final String MESSAGE = "message";

    private HeaderFields() {
    }
}
