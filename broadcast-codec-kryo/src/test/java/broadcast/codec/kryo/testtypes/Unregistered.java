package broadcast.codec.kryo.testtypes;

/** A record no test registers. */
public record Unregistered(String value) {
}
