package broadcast.transport.tcp.internal.wire;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * The first frame of a connection, client to hub, codec-independent:
 * {@code magic "BRDC" | version:u8 | maxFrameBytes:u32 | string codec | string clientName |
 * string token | flags:u8 | count:u16 | string channel × count}. Empty strings stand for "none".
 *
 * @param maxFrameBytes the largest frame the client accepts
 * @param codec the codec's name
 * @param clientName the name asked for, empty for one the hub assigns
 * @param token the token, empty for none
 * @param flags {@link Wire#HELLO_TRANSIENT_OUTCOMES}
 * @param channels the channels to subscribe to at once
 */
public record Hello(long maxFrameBytes, String codec, String clientName, String token, int flags, List<String> channels) {

    public Hello {
        channels = List.copyOf(channels);
    }

    /** Whether a flag is set. */
    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Writes the frame, length prefix included. */
    public void encode(ByteBuf out) {
        int start = out.writerIndex();
        out.writeInt(0);
        out.writeInt(Wire.MAGIC);
        out.writeByte(Wire.VERSION);
        out.writeInt((int) maxFrameBytes);
        Wire.writeString(out, codec);
        Wire.writeString(out, clientName);
        Wire.writeString(out, token);
        out.writeByte(flags);
        if (channels.size() > 0xFFFF) {
            throw new IllegalArgumentException("a HELLO carries at most 65535 channels, was " + channels.size());
        }
        out.writeShort(channels.size());
        for (String channel : channels) {
            Wire.writeString(out, channel);
        }
        out.setInt(start, out.writerIndex() - start - Wire.LENGTH_BYTES);
    }

    /**
     * Reads the frame body (after the length prefix), checking every length against the bytes left.
     *
     * @throws ProtocolException if the body is malformed, or of another version
     */
    public static Hello decode(ByteBuf in) {
        Wire.readMagicAndVersion(in);
        Wire.need(in, 4, "maxFrameBytes");
        long maxFrameBytes = in.readUnsignedInt();
        String codec = Wire.readString(in, "the codec name");
        String clientName = Wire.readString(in, "the client name");
        String token = Wire.readString(in, "the token");
        Wire.need(in, 3, "the flags and the channel count");
        int flags = in.readUnsignedByte();
        int count = in.readUnsignedShort();
        // Each channel takes at least its 2-byte length: refuse a count the bytes cannot hold before allocating.
        Wire.need(in, count * 2, count + " channels");
        List<String> channels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            channels.add(Wire.readString(in, "channel " + i));
        }
        Wire.requireEnd(in, "the HELLO");
        return new Hello(maxFrameBytes, codec, clientName, token, flags, channels);
    }
}
