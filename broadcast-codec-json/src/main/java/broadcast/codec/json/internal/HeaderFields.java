package broadcast.codec.json.internal;

/**
 * The JSON field names of frame headers, per kind of object, in the order they are written: the
 * wire contract of the {@code json} codec, documented in {@code docs/protocol.md} and fixed by the
 * golden file of the tests. Never rename one. The constants are field numbers in {@code NAMES}.
 */
final class HeaderFields {

    private HeaderFields() {
    }

    /** A DATA header. */
    static final class DataFields {
        static final int ID = 0;
        static final int SENDER = 1;
        static final int CLIENT = 2;
        static final int CHANNEL = 3;
        static final int NAME = 4;
        static final int PERSISTENT = 5;
        static final int EXPIRES_AT = 6;
        static final int CONTENT_TYPE = 7;
        static final int FLAGS = 8;
        static final FieldNames NAMES = FieldNames.of("id", "sender", "client", "channel", "name", "persistent",
                "expiresAt", "contentType", "flags");

        private DataFields() {
        }
    }

    /** A SUBSCRIBE or UNSUBSCRIBE header. */
    static final class SubscriptionFields {
        static final int REQUEST_ID = 0;
        static final int CHANNELS = 1;
        static final FieldNames NAMES = FieldNames.of("requestId", "channels");

        private SubscriptionFields() {
        }
    }

    /** A SUBACK header. */
    static final class SubAckFields {
        static final int REQUEST_ID = 0;
        static final int REFUSED = 1;
        static final FieldNames NAMES = FieldNames.of("requestId", "refused");

        private SubAckFields() {
        }
    }

    /** One refused channel in a SUBACK header. */
    static final class RefusalFields {
        static final int CHANNEL = 0;
        static final int CODE = 1;
        static final int MESSAGE = 2;
        static final FieldNames NAMES = FieldNames.of("channel", "code", "message");

        private RefusalFields() {
        }
    }

    /** An ACK header. */
    static final class AckFields {
        static final int IDS = 0;
        static final FieldNames NAMES = FieldNames.of("ids");

        private AckFields() {
        }
    }

    /** An OUTCOME header. */
    static final class OutcomesFields {
        static final int OUTCOMES = 0;
        static final FieldNames NAMES = FieldNames.of("outcomes");

        private OutcomesFields() {
        }
    }

    /** One outcome in an OUTCOME header. */
    static final class OutcomeFields {
        static final int ID = 0;
        static final int STATUS = 1;
        static final int REASON = 2;
        static final int DETAIL = 3;
        static final FieldNames NAMES = FieldNames.of("id", "status", "reason", "detail");

        private OutcomeFields() {
        }
    }

    /** An ERROR header. */
    static final class ErrorFields {
        static final int CODE = 0;
        static final int MESSAGE = 1;
        static final FieldNames NAMES = FieldNames.of("code", "message");

        private ErrorFields() {
        }
    }
}
