package broadcast.transport.tcp.internal.wire;

/**
 * What {@link FrameDecoder} passes on, instead of a frame, when a length prefix is beyond the
 * limit; it reads nothing more from the connection after it.
 *
 * @param length the announced length (unsigned)
 * @param limit the limit in force
 */
public record FrameTooLarge(long length, int limit) {

    /** The message of the ERROR frame that reports it. */
    public String message() {
        return "a frame of " + length + " bytes is larger than the limit of " + limit + " bytes (the agreed maxFrameBytes)";
    }
}
