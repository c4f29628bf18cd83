/**
 * The {@code json} codec for Broadcast: frame headers and payload data as JSON (UTF-8), with
 * Jackson. Payloads carry the content type {@code application/json}. Add this module to the module
 * path (or its jar to the class path) and choose the codec by name, {@code json} (the default of
 * {@link broadcast.api.BroadcastConfig}), in code or with {@code BROADCAST_CODEC=json}.
 *
 * <h2>Settings</h2>
 * <table class="striped">
 * <caption>Settings of the {@code json} codec</caption>
 * <tr><th>key</th><th>type</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code max-nesting-depth}</td><td>1 to 1000</td><td>256</td>
 *     <td>how deep arrays and objects may nest in payload data, when decoding and when encoding;
 *     deeper data is refused with a codec error</td></tr>
 * </table>
 * Other keys are refused. Frame headers have fixed limits: nesting 16 deep, strings of 1,048,576
 * characters.
 *
 * <h2>Payload data</h2>
 * {@code data} may be a record, a class with public accessors, a map, a list, an array, a string, a
 * number, a boolean or {@code null} (a {@code String} or a {@code byte[]} as the whole payload
 * travels as text or raw bytes, whatever the codec). Received data decodes to:
 * <ul>
 *   <li>its natural JSON value by default: objects as {@code LinkedHashMap<String, Object>} (in
 *       the order received), arrays as {@code ArrayList<Object>}, strings as {@code String},
 *       {@code true}/{@code false} as {@code Boolean}, {@code null} as {@code null}; whole numbers
 *       as the smallest of {@code Integer}, {@code Long}, {@code BigInteger} that holds them, other
 *       numbers as {@code Double}, or as {@code BigDecimal} when beyond the range of a double
 *       (so {@code 1e400} is not turned into infinity);</li>
 *   <li>a typed value on request ({@code message.data(Type.class)}), through Jackson databind.
 *       Fields the type does not have are ignored, so a sender may add fields first.</li>
 * </ul>
 * A {@code double} that is NaN or infinite is written as the string {@code "NaN"},
 * {@code "Infinity"} or {@code "-Infinity"} (JSON has no such numbers); it decodes as a string,
 * or as the number again into a {@code double} field. {@code java.time} types and {@code Optional}
 * are refused (Jackson's JSR-310 and JDK 8 modules are not included): send them as strings or
 * numbers.
 *
 * <h2>Types on the module path</h2>
 * Jackson reaches user types by reflection, so the module that declares them must let module
 * {@code com.fasterxml.jackson.databind} in:
 * <ul>
 *   <li>a {@code public} record (or a class with a public constructor and public accessors) needs
 *       its package exported: {@code exports com.example.events;}, or only to Jackson:
 *       {@code exports com.example.events to com.fasterxml.jackson.databind;};</li>
 *   <li>any other class (private fields, non-public constructor) needs its package opened:
 *       {@code opens com.example.events to com.fasterxml.jackson.databind;}.</li>
 * </ul>
 * Without that, encoding or decoding fails with a codec error that says so. On the class path
 * there is no such rule. Broadcast's own types are written with Jackson's streaming API and need
 * nothing.
 *
 * <h2>Bad input</h2>
 * Malformed, truncated, non-UTF-8 or over-deep JSON, a field of the wrong type, a missing
 * required field and trailing bytes all give a {@link broadcast.api.spi.CodecException} that
 * names the frame kind and the field or byte offset; never another exception, a hang or a stack
 * overflow. The wire form is described in {@code docs/protocol.md}, section "JSON codec".
 *
 * @provides broadcast.api.spi.CodecProvider the {@code json} codec, content type {@code application/json}
 */
module broadcast.codec.json {
    requires broadcast.api;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    provides broadcast.api.spi.CodecProvider with broadcast.codec.json.internal.JsonCodecProvider;
}
