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
}
