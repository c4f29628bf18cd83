package broadcast.codec.protobuf.internal;

import broadcast.api.spi.CodecException;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.UnknownFieldSet;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Parses protobuf bytes from the network: with a recursion limit, reading straight from the
 * buffer, and turning every failure into a {@link CodecException}. Protobuf checks each length
 * against the bytes left before it allocates, so no length read from the input sizes an
 * allocation. Stateless; thread-safe.
 */
final class Wire {

    private Wire() {
    }

    /**
     * Parses exactly the remaining bytes as one message.
     *
     * @param what how errors name the bytes, e.g. {@code DATA header}
     */
    static <M extends Message> M parse(Parser<M> parser, ByteBuffer bytes, int recursionLimit, String what) {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        return parse(parser, in, recursionLimit, what);
    }

    /** Parses the rest of a stream as one message. */
    static <M extends Message> M parse(Parser<M> parser, CodedInputStream in, int recursionLimit, String what) {
        in.setRecursionLimit(recursionLimit);
        try {
            M message = parser.parseFrom(in);
            // A top-level end-group tag stops the parser early; the rest must not be ignored.
            in.checkLastTagWas(0);
            return message;
        } catch (InvalidProtocolBufferException e) {
            throw new CodecException("cannot decode a protobuf " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a field of the schema that arrived with the wrong wire type: protobuf keeps it as an
     * unknown field, which would make a wrongly typed field look merely absent. Unknown field
     * numbers pass, so a later version may add fields.
     *
     * @throws CodecException naming the field, the wire type found and the one expected
     */
    static void requireWellTyped(Message message, String what) {
        if (!message.getUnknownFields().isEmpty()) {
            checkUnknownFields(message, what);
        }
    }

    /**
     * As {@link #requireWellTyped(Message, String)} for element {@code index} of a repeated field,
     * whose name is built only on failure.
     */
    static void requireWellTyped(Message message, String what, String field, int index) {
        if (!message.getUnknownFields().isEmpty()) {
            checkUnknownFields(message, element(what, field, index));
        }
    }

    /** How errors name an element of a repeated field, e.g. {@code SUBACK header refused[2]}. */
    static String element(String what, String field, int index) {
        return what + " " + field + "[" + index + "]";
    }

    private static void checkUnknownFields(Message message, String what) {
        UnknownFieldSet unknown = message.getUnknownFields();
        for (Map.Entry<Integer, UnknownFieldSet.Field> entry : unknown.asMap().entrySet()) {
            FieldDescriptor field = message.getDescriptorForType().findFieldByNumber(entry.getKey());
            if (field != null) {
                throw new CodecException("protobuf " + what + " field " + field.getNumber() + " (" + field.getName()
                        + ") has wire type " + wireTypeOf(entry.getValue()) + ", expected " + wireTypeName(field));
            }
        }
    }

    private static String wireTypeOf(UnknownFieldSet.Field field) {
        if (!field.getVarintList().isEmpty()) {
            return "varint";
        }
        if (!field.getFixed32List().isEmpty()) {
            return "fixed32";
        }
        if (!field.getFixed64List().isEmpty()) {
            return "fixed64";
        }
        if (!field.getLengthDelimitedList().isEmpty()) {
            return "length-delimited";
        }
        return "group";
    }

    private static String wireTypeName(FieldDescriptor field) {
        switch (field.getLiteType().getWireType()) {
            case 0:
                return "varint";
            case 1:
                return "fixed64";
            case 2:
                return "length-delimited";
            case 5:
                return "fixed32";
            default:
                return "group";
        }
    }
}
