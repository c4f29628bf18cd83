package broadcast.codec.kryo.closed;

/** A plain class in a package the module neither exports nor opens to Kryo. */
public final class HiddenBean {
    private String value;
}
