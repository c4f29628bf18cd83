package broadcast.codec.kryo.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Compares a value sent with the value received: same classes (with the documented stand-ins for
 * unregistered collections and maps), arrays by content, ordered maps and sets in order, records
 * component by component.
 */
final class SameValue {

    private SameValue() {
    }

    static void assertSameValue(Object expected, Object actual) {
        String difference = difference(expected, actual, "value");
        if (difference != null) {
            fail(difference);
        }
    }

    /** The class a value of this class arrives as. */
    static Class<?> arrivesAs(Object value) {
        Class<?> type = value.getClass();
        if (value instanceof Map) {
            return type == HashMap.class ? HashMap.class : LinkedHashMap.class;
        }
        if (value instanceof Set) {
            return type == HashSet.class ? HashSet.class : LinkedHashSet.class;
        }
        if (value instanceof Collection) {
            return ArrayList.class;
        }
        return type;
    }

    private static String difference(Object expected, Object actual, String path) {
        if (expected == null || actual == null) {
            return expected == actual ? null : path + ": expected " + expected + " but was " + actual;
        }
        if (actual.getClass() != arrivesAs(expected)) {
            return path + ": expected a " + arrivesAs(expected).getName() + " but was a " + actual.getClass().getName();
        }
        if (expected.getClass().isArray()) {
            return arrays(expected, actual, path);
        }
        if (expected instanceof List<?> list) {
            return sequences(list, (List<?>) actual, path);
        }
        if (expected instanceof Collection<?> collection) {
            boolean ordered = expected instanceof LinkedHashSet || expected instanceof SortedSet || !(expected instanceof Set);
            return ordered ? sequences(new ArrayList<>(collection), new ArrayList<>((Collection<?>) actual), path)
                    : expected.equals(actual) ? null : path + ": expected " + expected + " but was " + actual;
        }
        if (expected instanceof Map<?, ?> map) {
            return maps(map, (Map<?, ?>) actual, path);
        }
        if (expected.getClass().isRecord()) {
            return records(expected, actual, path);
        }
        return expected.equals(actual) ? null : path + ": expected " + expected + " but was " + actual;
    }

    private static String arrays(Object expected, Object actual, String path) {
        if (expected.getClass().getComponentType().isPrimitive()) {
            return Objects.deepEquals(expected, actual) ? null : path + ": the arrays differ";
        }
        int length = Array.getLength(expected);
        if (length != Array.getLength(actual)) {
            return path + ": expected " + length + " elements but was " + Array.getLength(actual);
        }
        for (int i = 0; i < length; i++) {
            String difference = difference(Array.get(expected, i), Array.get(actual, i), path + "[" + i + "]");
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private static String sequences(List<?> expected, List<?> actual, String path) {
        if (expected.size() != actual.size()) {
            return path + ": expected " + expected.size() + " elements but was " + actual.size();
        }
        for (int i = 0; i < expected.size(); i++) {
            String difference = difference(expected.get(i), actual.get(i), path + "[" + i + "]");
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private static String maps(Map<?, ?> expected, Map<?, ?> actual, String path) {
        if (expected.size() != actual.size()) {
            return path + ": expected " + expected.size() + " entries but was " + actual.size();
        }
        boolean ordered = expected instanceof LinkedHashMap || expected instanceof SortedMap;
        Iterator<?> actualKeys = actual.keySet().iterator();
        for (Map.Entry<?, ?> entry : expected.entrySet()) {
            Object actualKey = actualKeys.next();
            if (ordered && !entry.getKey().equals(actualKey)) {
                return path + ": expected key " + entry.getKey() + " in order but was " + actualKey;
            }
            if (!actual.containsKey(entry.getKey())) {
                return path + ": key " + entry.getKey() + " is missing";
            }
            String difference = difference(entry.getValue(), actual.get(entry.getKey()), path + "[" + entry.getKey() + "]");
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private static String records(Object expected, Object actual, String path) {
        for (RecordComponent component : expected.getClass().getRecordComponents()) {
            try {
                Object e = component.getAccessor().invoke(expected);
                Object a = component.getAccessor().invoke(actual);
                String difference = difference(e, a, path + "." + component.getName());
                if (difference != null) {
                    return difference;
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return null;
    }
}
