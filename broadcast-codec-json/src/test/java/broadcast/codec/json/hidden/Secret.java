package broadcast.codec.json.hidden;

/** A public record in a package that is never exported: Jackson cannot reach it on the module path. */
public record Secret(String value) {
}
