package broadcast.codec.kryo.internal;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.Kryo;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Loads the classes named in the {@code classes} setting and checks, when the codec is made rather
 * than at the first message, that Kryo will be able to write and read them from the module path:
 *
 * <ul>
 *   <li>a record needs its package exported to Kryo (a public record in an exported package needs
 *       nothing more) or opened to it;</li>
 *   <li>an enum needs nothing;</li>
 *   <li>any other class is read field by field and made with its no-arg constructor, so its
 *       package must be opened to {@code com.esotericsoftware.kryo}; if that constructor or a
 *       non-final field is public, Kryo reaches it through code it generates in an unnamed module
 *       (ReflectASM), so the package must also be exported, and the class be public.</li>
 * </ul>
 * JDK classes are refused: the ones the codec supports are built in. Stateless.
 */
final class ClassRules {

    private static final Class<?>[] PRIMITIVES = {
        boolean.class, byte.class, short.class, char.class, int.class, long.class, float.class, double.class,
    };

    private ClassRules() {
    }

    /** @throws IllegalArgumentException if no such class is visible */
    static Class<?> load(String where, String className) {
        String name = className;
        int dimensions = 0;
        while (name.endsWith("[]")) {
            name = name.substring(0, name.length() - 2).strip();
            dimensions++;
        }
        Class<?> type = forName(where, name);
        for (int i = 0; i < dimensions; i++) {
            type = type.arrayType();
        }
        return type;
    }

    private static Class<?> forName(String where, String name) {
        for (Class<?> primitive : PRIMITIVES) {
            if (primitive.getName().equals(name)) {
                return primitive;
            }
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = ClassRules.class.getClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, own}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        throw new IllegalArgumentException(where + ": no class " + name + " is visible (give the binary name,"
                + " e.g. com.acme.Outer$Inner, of a class on the module path or class path)");
    }

    /** @throws IllegalArgumentException if Kryo could not handle the class, saying what to change */
    static void check(String where, Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive() || isJdk(element)) {
            throw new IllegalArgumentException(where + ": " + type.getTypeName() + " is a JDK class; the JDK values the"
                    + " codec supports are built in (see the broadcast.codec.kryo module documentation)");
        }
        if (type.isArray() || type.isEnum()) {
            return;
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(where + ": " + type.getName() + " is "
                    + (type.isInterface() ? "an interface" : "abstract") + "; register the concrete classes");
        }
        if (type.isRecord()) {
            checkRecord(where, type);
        } else if (!type.isAnnotationPresent(DefaultSerializer.class)) {
            checkFieldByField(where, type);
        }
    }

    /** Whether a class comes with the JDK. */
    static boolean isJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    private static void checkRecord(String where, Class<?> type) {
        Module module = type.getModule();
        Module kryo = Kryo.class.getModule();
        String pkg = type.getPackageName();
        if (module.isOpen(pkg, kryo)) {
            return;
        }
        if (!module.isExported(pkg, kryo)) {
            throw new IllegalArgumentException(where + ": record " + type.getName() + " is in package " + pkg
                    + ", which module " + module.getName() + " does not export; add \"exports " + pkg + ";\" (or \"opens "
                    + pkg + " to com.esotericsoftware.kryo;\") to its module-info");
        }
        if (!isPublic(type)) {
            throw new IllegalArgumentException(where + ": record " + type.getName() + " is not public; make it public"
                    + " or add \"opens " + pkg + " to com.esotericsoftware.kryo;\" to the module-info of "
                    + module.getName());
        }
    }

    private static void checkFieldByField(String where, Class<?> type) {
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
            throw new IllegalArgumentException(where + ": " + type.getName() + " is an inner class; make it static"
                    + " (or a record)");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(where + ": " + type.getName() + " has no no-arg constructor; add one"
                    + " (any visibility) or make it a record");
        }
        Module module = type.getModule();
        String pkg = type.getPackageName();
        if (!module.isOpen(pkg, Kryo.class.getModule())) {
            throw new IllegalArgumentException(where + ": " + type.getName() + " is not a record, so Kryo reads it"
                    + " field by field; add \"opens " + pkg + " to com.esotericsoftware.kryo;\" to the module-info of "
                    + module.getName() + " (or make it a public record in an exported package, which needs nothing)");
        }
        String generated = Modifier.isPublic(constructor.getModifiers()) ? "its public no-arg constructor"
                : hasGeneratedFieldAccess(type) ? "its public fields" : null;
        if (generated == null) {
            return;
        }
        // Kryo reaches these through classes it generates (ReflectASM) in an unnamed module.
        if (!isPublic(type)) {
            throw new IllegalArgumentException(where + ": " + type.getName() + " is not public, but Kryo would use "
                    + generated + " from generated code; make the class public or the constructor and fields"
                    + " non-public");
        }
        if (!module.isExported(pkg, ClassLoader.getSystemClassLoader().getUnnamedModule())) {
            throw new IllegalArgumentException(where + ": Kryo uses " + generated + " of " + type.getName()
                    + " from generated code, which needs \"exports " + pkg + ";\" in the module-info of "
                    + module.getName() + " (or make the constructor and fields non-public)");
        }
    }

    /** Whether Kryo's FieldSerializer would access a field through ReflectASM: see its CachedFields. */
    private static boolean hasGeneratedFieldAccess(Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers())) {
            return false;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers)
                        && !Modifier.isTransient(modifiers) && Modifier.isPublic(field.getType().getModifiers())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isPublic(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }
}
