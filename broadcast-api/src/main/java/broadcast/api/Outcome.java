package broadcast.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of a sent message, as the hub reports it to the sender.
 *
 * <ul>
 *   <li>{@link Status#DELIVERED}: the hub took the message and sent it to at least one recipient
 *       that was online (for a persistent message, after storing it until every recipient
 *       acknowledges it; recipients that were offline have it queued).</li>
 *   <li>{@link Status#QUEUED}: no recipient was online; the hub stored the persistent message and
 *       sends it when a recipient appears.</li>
 *   <li>{@link Status#NOT_DELIVERED}: the message reached nobody and is not kept; {@link #reason()}
 *       says why.</li>
 * </ul>
 * For the sender, {@code DELIVERED} and {@code QUEUED} both mean the hub is responsible for the
 * message from now on.
 *
 * <p>Immutable and thread-safe.
 *
 * @param messageId the id of the message
 * @param status what happened
 * @param reason why it was not delivered; {@code null} unless the status is {@code NOT_DELIVERED}
 * @param detail a human-readable explanation, may be empty, never null
 */
public record Outcome(String messageId, Status status, Reason reason, String detail) {

    /** What happened to a message. */
    public enum Status {
        /** Sent to at least one online recipient. */
        DELIVERED,
        /** Stored for recipients that are not online. */
        QUEUED,
        /** Reached nobody and not kept. */
        NOT_DELIVERED
    }

    /** Why a message was not delivered. */
    public enum Reason {
        /** No recipient was online and the message was transient, so it was not kept. */
        NO_RECIPIENT,
        /** A queue of the hub reached its bound (in messages or bytes), and its policy refuses new messages. */
        QUEUE_FULL,
        /** The hub's store failed to keep the message. */
        STORE_FAILED,
        /** The sender may not publish to that target. */
        FORBIDDEN,
        /** The message expired before it could be delivered. */
        EXPIRED,
        /** The message is larger than the frame size agreed with the hub. */
        TOO_LARGE,
        /** The message was refused as malformed (bad name, missing target). */
        INVALID,
        /** The client's outbox was full while it was disconnected. */
        OUTBOX_FULL,
        /** The client or the hub was closed before the message was sent. */
        CLOSED,
        /** A reason this version does not know; see {@link Outcome#detail()}. */
        OTHER
    }

    /**
     * @throws NullPointerException if the id or status is null
     * @throws IllegalArgumentException if a reason is given for a delivered or queued message, or
     *     missing for one not delivered
     */
    public Outcome {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        if ((status == Status.NOT_DELIVERED) != (reason != null)) {
            throw new IllegalArgumentException("a reason goes with NOT_DELIVERED and only with it; status="
                    + status + ", reason=" + reason);
        }
    }

    /** A {@code DELIVERED} outcome. */
    public static Outcome delivered(String messageId) {
        return new Outcome(messageId, Status.DELIVERED, null, "");
    }

    /** A {@code QUEUED} outcome. */
    public static Outcome queued(String messageId) {
        return new Outcome(messageId, Status.QUEUED, null, "");
    }

    /** A {@code NOT_DELIVERED} outcome with its reason and an explanation. */
    public static Outcome notDelivered(String messageId, Reason reason, String detail) {
        return new Outcome(messageId, Status.NOT_DELIVERED, Objects.requireNonNull(reason, "reason"), detail);
    }

    /** Whether the hub took responsibility for the message ({@code DELIVERED} or {@code QUEUED}). */
    public boolean accepted() {
        return status != Status.NOT_DELIVERED;
    }

    /** The reason, present only for {@code NOT_DELIVERED}. */
    public Optional<Reason> reasonIfAny() {
        return Optional.ofNullable(reason);
    }

    /** {@code ID DELIVERED}, {@code ID QUEUED} or {@code ID NOT_DELIVERED REASON}, as the command line prints it. */
    @Override
    public String toString() {
        return reason == null ? messageId + " " + status : messageId + " " + status + " " + reason;
    }
}
