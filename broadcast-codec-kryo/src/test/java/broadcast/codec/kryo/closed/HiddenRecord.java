package broadcast.codec.kryo.closed;

/** A record in a package the module neither exports nor opens to Kryo. */
public record HiddenRecord(String value) {
}
