package broadcast.transport.tcp.internal.wire;

import broadcast.api.ErrorCode;
import broadcast.api.spi.Frame;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * The hub's answer to a HELLO, codec-independent: {@code magic "BRDC" | version:u8 | status:u8}
 * then, for status 0 (welcome), {@code string hubId | string assignedName | maxFrameBytes:u32 |
 * heartbeatIntervalMs:u32 | heartbeatTimeoutMs:u32 | count:u16 | (string channel, string errorCode,
 * string message) × count}; for status 1 (refused), {@code string errorCode | string message}.
 *
 * @param refusal the refusal, or null for a welcome
 * @param hubId the hub's id (welcome only)
 * @param clientName the name the client has on the hub (welcome only)
 * @param maxFrameBytes the agreed maximum frame size
 * @param heartbeatIntervalMs the hub's heartbeat interval
 * @param heartbeatTimeoutMs the hub's heartbeat timeout
 * @param refused the initial subscriptions the hub refused
 */
public record Welcome(Frame.Error refusal, String hubId, String clientName, long maxFrameBytes, long heartbeatIntervalMs,
                      long heartbeatTimeoutMs, List<Frame.Refusal> refused) {

    public Welcome {
        refused = List.copyOf(refused);
    }

    /** An accepted connection. */
    public static Welcome welcome(String hubId, String clientName, long maxFrameBytes, long intervalMs, long timeoutMs,
                                  List<Frame.Refusal> refused) {
        return new Welcome(null, hubId, clientName, maxFrameBytes, intervalMs, timeoutMs, refused);
    }

    /** A refused connection. */
    public static Welcome refused(ErrorCode code, String message) {
        return new Welcome(new Frame.Error(code, message), "", "", 0, 0, 0, List.of());
    }

    /** Whether the hub refused the connection. */
    public boolean isRefused() {
        return refusal != null;
    }

    /** Writes the frame, length prefix included. */
    public void encode(ByteBuf out) {
        int start = out.writerIndex();
        out.writeInt(0);
        out.writeInt(Wire.MAGIC);
        out.writeByte(Wire.VERSION);
        if (refusal != null) {
            out.writeByte(Wire.STATUS_REFUSED);
            Wire.writeString(out, refusal.code().name());
            Wire.writeString(out, clip(refusal.message()));
        } else {
            out.writeByte(Wire.STATUS_WELCOME);
            Wire.writeString(out, hubId);
            Wire.writeString(out, clientName);
            out.writeInt((int) maxFrameBytes);
            out.writeInt((int) Math.min(heartbeatIntervalMs, 0xFFFFFFFFL));
            out.writeInt((int) Math.min(heartbeatTimeoutMs, 0xFFFFFFFFL));
            out.writeShort(refused.size());
            for (Frame.Refusal r : refused) {
                Wire.writeString(out, r.channel());
                Wire.writeString(out, r.code().name());
                Wire.writeString(out, clip(r.message()));
            }
        }
        out.setInt(start, out.writerIndex() - start - Wire.LENGTH_BYTES);
    }

    /**
     * Reads the frame body (after the length prefix).
     *
     * @throws ProtocolException if the body is malformed
     */
    public static Welcome decode(ByteBuf in) {
        Wire.readMagicAndVersion(in);
        Wire.need(in, 1, "the status");
        int status = in.readUnsignedByte();
        if (status == Wire.STATUS_REFUSED) {
            ErrorCode code = errorCode(Wire.readString(in, "the error code"));
            String message = Wire.readString(in, "the message");
            Wire.requireEnd(in, "the REFUSED");
            return refused(code, message);
        }
        if (status != Wire.STATUS_WELCOME) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "unknown WELCOME status " + status);
        }
        String hubId = Wire.readString(in, "the hub id");
        String name = Wire.readString(in, "the client name");
        Wire.need(in, 14, "the limits and the refusal count");
        long maxFrame = in.readUnsignedInt();
        long interval = in.readUnsignedInt();
        long timeout = in.readUnsignedInt();
        int count = in.readUnsignedShort();
        Wire.need(in, count * 6, count + " refusals");
        List<Frame.Refusal> refused = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String channel = Wire.readString(in, "refused channel " + i);
            ErrorCode code = errorCode(Wire.readString(in, "the error code of refusal " + i));
            refused.add(new Frame.Refusal(channel, code, Wire.readString(in, "the message of refusal " + i)));
        }
        Wire.requireEnd(in, "the WELCOME");
        return welcome(hubId, name, maxFrame, interval, timeout, refused);
    }

    /** The code with that name; {@link ErrorCode#INTERNAL_ERROR} for a name this version does not know. */
    public static ErrorCode errorCode(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ErrorCode.INTERNAL_ERROR;
        }
    }

    private static String clip(String message) {
        // Keep far below the u16 string bound even with multi-byte characters.
        return message.length() > 16_000 ? message.substring(0, 16_000) + "..." : message;
    }
}
