package broadcast.codec.protobuf.internal;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random frames for property tests, from a seeded {@link Random}. Not thread-safe. */
final class RandomFrames {

    /** The kinds that have a header. */
    static final List<FrameKind> HEADER_KINDS = List.of(FrameKind.DATA, FrameKind.SUBSCRIBE, FrameKind.UNSUBSCRIBE,
            FrameKind.SUBACK, FrameKind.ACK, FrameKind.OUTCOME, FrameKind.ERROR);

    private static final String[] CONTENT_TYPES = {"application/x-protobuf", "application/json",
        "application/x-kryo", "application/octet-stream", "text/plain;charset=utf-8"};

    private final Random random;

    RandomFrames(Random random) {
        this.random = random;
    }

    Frame frame(FrameKind kind) {
        switch (kind) {
            case DATA:
                return data();
            case SUBSCRIBE:
                return new Frame.Subscribe(someLong(), texts(8));
            case UNSUBSCRIBE:
                return new Frame.Unsubscribe(someLong(), texts(8));
            case SUBACK:
                return subAck();
            case ACK:
                return new Frame.Ack(texts(20));
            case OUTCOME:
                return outcomes();
            case ERROR:
                return new Frame.Error(pick(ErrorCode.values()), text(40));
            case PING:
                return Frame.Ping.INSTANCE;
            case PONG:
                return Frame.Pong.INSTANCE;
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    Frame.Data data() {
        String contentType = random.nextInt(4) == 0 ? text(30) : pick(CONTENT_TYPES);
        return new Frame.Data(text(36), textOrNull(), textOrNull(), textOrNull(), textOrNull(), random.nextBoolean(),
                random.nextInt(3) == 0 ? 0 : someLong(), contentType, someFlags());
    }

    Frame.SubAck subAck() {
        int n = random.nextInt(5);
        List<Frame.Refusal> refused = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            refused.add(new Frame.Refusal(text(20), pick(ErrorCode.values()), text(40)));
        }
        return new Frame.SubAck(someLong(), refused);
    }

    Frame.Outcomes outcomes() {
        int n = random.nextInt(6);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            outcomes.add(outcome());
        }
        return new Frame.Outcomes(outcomes);
    }

    Outcome outcome() {
        Outcome.Status status = pick(Outcome.Status.values());
        Outcome.Reason reason = status == Outcome.Status.NOT_DELIVERED ? pick(Outcome.Reason.values()) : null;
        return new Outcome(text(36), status, reason, text(60));
    }

    /** Text of up to {@code max} code points from ASCII, Latin, CJK and emoji; sometimes empty. */
    String text(int max) {
        int n = random.nextInt(max + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(5)) {
                case 0:
                    sb.appendCodePoint(0x20 + random.nextInt(0x5f));
                    break;
                case 1:
                    sb.appendCodePoint(0xa0 + random.nextInt(0x500));
                    break;
                case 2:
                    sb.appendCodePoint(0x4e00 + random.nextInt(0x5000));
                    break;
                case 3:
                    sb.appendCodePoint(0x1f300 + random.nextInt(0x300));
                    break;
                default:
                    sb.appendCodePoint(random.nextInt(0x20));
            }
        }
        return sb.toString();
    }

    String textOrNull() {
        return random.nextBoolean() ? null : text(24);
    }

    List<String> texts(int max) {
        int n = random.nextInt(max + 1);
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(text(24));
        }
        return list;
    }

    long someLong() {
        switch (random.nextInt(6)) {
            case 0:
                return 0;
            case 1:
                return Long.MAX_VALUE;
            case 2:
                return Long.MIN_VALUE;
            case 3:
                return random.nextInt(1000);
            default:
                return random.nextLong();
        }
    }

    private int someFlags() {
        return random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(4);
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
