package broadcast.codec.protobuf.internal;

import broadcast.api.spi.CodecException;
import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.BytesValue;
import com.google.protobuf.DoubleValue;
import com.google.protobuf.Duration;
import com.google.protobuf.Empty;
import com.google.protobuf.FieldMask;
import com.google.protobuf.FloatValue;
import com.google.protobuf.Int32Value;
import com.google.protobuf.Int64Value;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.UInt64Value;
import com.google.protobuf.Value;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The protobuf message types a codec parses from an {@code Any} by its type URL: the well-known
 * types of protobuf-java and the classes named in the {@code types} setting. A type a receiver
 * does not know stays an {@code Any}. Immutable; thread-safe.
 */
final class MessageTypes {

    /** The prefix of the type URLs this codec writes, as {@code Any.pack}. */
    static final String TYPE_URL_PREFIX = "type.googleapis.com/";

    private static final List<Message> WELL_KNOWN = List.of(Any.getDefaultInstance(),
            Timestamp.getDefaultInstance(), Duration.getDefaultInstance(), Empty.getDefaultInstance(),
            FieldMask.getDefaultInstance(), Struct.getDefaultInstance(), Value.getDefaultInstance(),
            ListValue.getDefaultInstance(), DoubleValue.getDefaultInstance(), FloatValue.getDefaultInstance(),
            Int64Value.getDefaultInstance(), UInt64Value.getDefaultInstance(), Int32Value.getDefaultInstance(),
            UInt32Value.getDefaultInstance(), BoolValue.getDefaultInstance(), StringValue.getDefaultInstance(),
            BytesValue.getDefaultInstance());

    private static final ClassValue<Object> DEFAULT_INSTANCES = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            return defaultInstanceOrError(type);
        }
    };

    private final Map<String, Message> byName;

    private MessageTypes(Map<String, Message> byName) {
        this.byName = byName;
    }

    /** The well-known types and these message classes. */
    static MessageTypes of(List<Class<?>> classes) {
        Map<String, Message> byName = new LinkedHashMap<>();
        for (Message message : WELL_KNOWN) {
            byName.put(message.getDescriptorForType().getFullName(), message);
        }
        for (Class<?> type : classes) {
            Message prototype = defaultInstance(type);
            byName.put(prototype.getDescriptorForType().getFullName(), prototype);
        }
        return new MessageTypes(Collections.unmodifiableMap(byName));
    }

    /** The full type name in a type URL: what follows its last {@code /}. */
    static String typeName(String typeUrl) {
        return typeUrl.substring(typeUrl.lastIndexOf('/') + 1);
    }

    /** The parsed message when its type is known, else the {@code Any} itself. */
    Object unpack(Any any, int recursionLimit) {
        Message prototype = byName.get(typeName(any.getTypeUrl()));
        return prototype == null ? any : parse(any, prototype, recursionLimit);
    }

    /**
     * The {@code Any}'s content parsed as a message class.
     *
     * @throws CodecException if the {@code Any} holds another type, or its bytes are not that type
     */
    static <T> T unpack(Any any, Class<T> type, int recursionLimit) {
        Message prototype = defaultInstance(type);
        String expected = prototype.getDescriptorForType().getFullName();
        String actual = typeName(any.getTypeUrl());
        if (!actual.equals(expected)) {
            throw new CodecException("the protobuf payload is a message of type " + quote(actual) + ", not "
                    + expected + " (" + type.getName() + ")");
        }
        return type.cast(parse(any, prototype, recursionLimit));
    }

    /** Whether a class is a concrete generated message class, whose default instance this codec can get. */
    static boolean isConcreteMessage(Class<?> type) {
        return Message.class.isAssignableFrom(type) && !type.isInterface()
                && !Modifier.isAbstract(type.getModifiers());
    }

    /**
     * The default instance of a generated message class, found by its static {@code getDefaultInstance()}.
     *
     * @throws CodecException if the class is not one, or this module may not call it
     */
    static Message defaultInstance(Class<?> type) {
        Object value = DEFAULT_INSTANCES.get(type);
        if (value instanceof CodecException) {
            CodecException e = (CodecException) value;
            throw new CodecException(e.getMessage(), e.getCause());
        }
        return (Message) value;
    }

    private static Message parse(Any any, Message prototype, int recursionLimit) {
        return Wire.parse(prototype.getParserForType(), any.getValue().newCodedInput(), recursionLimit,
                "payload message of type " + prototype.getDescriptorForType().getFullName());
    }

    private static Object defaultInstanceOrError(Class<?> type) {
        if (!isConcreteMessage(type)) {
            return new CodecException(type.getName() + " is not a generated protobuf message class");
        }
        try {
            Method method = type.getMethod("getDefaultInstance");
            Object instance = Modifier.isStatic(method.getModifiers()) ? method.invoke(null) : null;
            if (!type.isInstance(instance)) {
                return new CodecException(type.getName() + " is not a generated protobuf message class: its "
                        + "getDefaultInstance() does not give one");
            }
            return instance;
        } catch (NoSuchMethodException e) {
            return new CodecException(type.getName() + " is not a generated protobuf message class: it has no "
                    + "public static getDefaultInstance()", e);
        } catch (IllegalAccessException e) {
            return new CodecException("module broadcast.codec.protobuf may not use " + type.getName()
                    + "; export package " + type.getPackageName() + " to it (" + e.getMessage() + ")", e);
        } catch (InvocationTargetException | ExceptionInInitializerError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new CodecException("cannot load protobuf message class " + type.getName() + ": " + cause, cause);
        }
    }

    private static String quote(String name) {
        return "\"" + name + "\"";
    }
}
