package broadcast.codec.kryo.internal;

import broadcast.api.spi.ProviderConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of a kryo codec, checked: the application classes to register with their ids, and
 * the nesting cap. Immutable; thread-safe.
 *
 * @param classes the registrations of the {@code classes} setting, in the order given
 * @param maxDepth the deepest nesting of payload values accepted
 */
record KryoSettings(List<UserClass> classes, int maxDepth) {

    static final String CLASSES = "classes";
    static final String MAX_DEPTH = "max-nesting-depth";
    static final Set<String> KEYS = Set.of(CLASSES, MAX_DEPTH);

    static final int DEFAULT_MAX_DEPTH = 100;
    static final int MAX_MAX_DEPTH = 1000;
    static final int MAX_USER_ID = 999_999_999;

    /** One class of the {@code classes} setting. */
    record UserClass(int id, Class<?> type) {
    }

    KryoSettings {
        classes = List.copyOf(classes);
    }

    /** @throws IllegalArgumentException naming the setting and the bad value */
    static KryoSettings parse(ProviderConfig config) {
        config.requireKnownKeys(KEYS);
        int maxDepth = config.intValue(MAX_DEPTH, DEFAULT_MAX_DEPTH);
        if (maxDepth < 1 || maxDepth > MAX_MAX_DEPTH) {
            throw new IllegalArgumentException(config.owner() + " setting " + MAX_DEPTH + " must be between 1 and "
                    + MAX_MAX_DEPTH + ", was " + maxDepth);
        }
        return new KryoSettings(parseClasses(config.owner() + " setting " + CLASSES, config.string(CLASSES, "")),
                maxDepth);
    }

    /**
     * Parses {@code [id:]class.Name, ...}: an entry without an id takes the previous entry's id
     * plus one, the first {@value BuiltIns#FIRST_USER_ID}.
     */
    static List<UserClass> parseClasses(String setting, String value) {
        List<UserClass> classes = new ArrayList<>();
        Map<Integer, String> entryById = new HashMap<>();
        Map<Class<?>, String> entryByClass = new HashMap<>();
        int nextId = BuiltIns.FIRST_USER_ID;
        for (String raw : value.split(",", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String where = setting + ": entry \"" + entry + "\"";
            int colon = entry.indexOf(':');
            int id = colon < 0 ? nextId : parseId(where, entry.substring(0, colon).strip());
            Class<?> type = ClassRules.load(where, colon < 0 ? entry : entry.substring(colon + 1).strip());
            ClassRules.check(where, type);
            String sameId = entryById.putIfAbsent(id, entry);
            if (sameId != null) {
                throw new IllegalArgumentException(where + " has id " + id + ", which entry \"" + sameId
                        + "\" already has; give each class its own id");
            }
            String sameClass = entryByClass.putIfAbsent(type, entry);
            if (sameClass != null) {
                throw new IllegalArgumentException(where + " registers " + type.getName()
                        + ", which entry \"" + sameClass + "\" already registers");
            }
            classes.add(new UserClass(id, type));
            nextId = id + 1;
        }
        return classes;
    }

    private static int parseId(String where, String text) {
        int id;
        try {
            id = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " has id \"" + text + "\", which is not a number;"
                    + " write id:class.Name or class.Name");
        }
        if (id < BuiltIns.FIRST_USER_ID || id > MAX_USER_ID) {
            throw new IllegalArgumentException(where + " has id " + id + "; ids go from " + BuiltIns.FIRST_USER_ID
                    + " to " + MAX_USER_ID + " (ids below " + BuiltIns.FIRST_USER_ID
                    + " are the codec's built-in classes)");
        }
        return id;
    }
}
