package broadcast.codec.kryo.testtypes;

/** Test classes Kryo cannot take: an inner class, a class without a no-arg constructor, an abstract class. */
public final class Holder {

    private Holder() {
    }

    /** Not static: Kryo could not make one. */
    public class Inner {
        private int value;
    }

    /** No no-arg constructor. */
    public static final class NoDefaultConstructor {
        private final int value;

        public NoDefaultConstructor(int value) {
            this.value = value;
        }

        public int value() {
            return value;
        }
    }

    /** Abstract. */
    public abstract static class Shape {
    }

    /** Public, with a public no-arg constructor: Kryo makes it through generated code, which needs an export. */
    public static final class PublicConstructor {
        private int value;

        public PublicConstructor() {
        }
    }

    /** Public non-final fields: Kryo reads them through generated code, which needs an export. */
    public static final class PublicFields {
        public int count;

        private PublicFields() {
        }
    }

    /** Not public, with a public constructor: generated code could never call it. */
    static final class HiddenWithPublicConstructor {
        public HiddenWithPublicConstructor() {
        }
    }
}
