package broadcast.transport.tcp;

import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.transport.tcp.internal.wire.Frames;
import broadcast.transport.tcp.internal.wire.Hello;
import broadcast.transport.tcp.internal.wire.Welcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;

/** A hand-driven protocol client on a plain socket, to send what a real client never would. Not thread-safe. */
final class RawClient implements AutoCloseable {

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        this(port, 0);
    }

    /** A client whose socket receive buffer is {@code receiveBufferBytes} (0: the system's), fixed before connecting. */
    RawClient(int port, int receiveBufferBytes) throws IOException {
        socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] hello(String name, List<String> channels) {
        return hello(name, "bin", channels);
    }

    static byte[] hello(String name, String codec, List<String> channels) {
        ByteBuf buf = Unpooled.buffer();
        new Hello(1024 * 1024, codec, name, "", 0, channels).encode(buf);
        return bytesOf(buf);
    }

    static byte[] frame(Frame frame) {
        return bytesOf(Frames.encode(Unpooled.buffer().alloc(), TestCodec.BIN, frame));
    }

    static byte[] data(Frame.Data header, byte[] payload) {
        return bytesOf(Frames.encodeData(Unpooled.buffer().alloc(), TestCodec.BIN, header, payload));
    }

    /** The bytes of a buffer, releasing it. */
    static byte[] bytesOf(ByteBuf buf) {
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes one byte at a time, each in its own segment. */
    void writeByteByByte(byte[] bytes) throws IOException {
        for (byte b : bytes) {
            out.write(b);
            out.flush();
        }
    }

    /** Reads one frame, length prefix included. */
    byte[] readFrame() throws IOException {
        int length = in.readInt();
        byte[] frame = new byte[4 + length];
        ByteBuffer.wrap(frame).putInt(length);
        in.readFully(frame, 4, length);
        return frame;
    }

    Welcome readWelcome() throws IOException {
        ByteBuf buf = Unpooled.wrappedBuffer(readFrame());
        buf.skipBytes(4);
        return Welcome.decode(buf);
    }

    /** Reads frames until one of the kind, skipping PINGs and others. */
    Frame read(FrameKind kind) throws IOException {
        while (true) {
            ByteBuf buf = Unpooled.wrappedBuffer(readFrame());
            FrameKind k = Frames.kind(buf);
            if (k == kind) {
                if (k == FrameKind.PING || k == FrameKind.PONG) {
                    return k == FrameKind.PING ? Frame.Ping.INSTANCE : Frame.Pong.INSTANCE;
                }
                return Frames.decodeHeader(TestCodec.BIN, k, buf);
            }
        }
    }

    /** Whether the hub closed the connection (reads to the end). */
    boolean closedByPeer() throws IOException {
        try {
            while (true) {
                readFrame();
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
