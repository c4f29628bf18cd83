/**
 * The {@code kryo} codec: frame headers in a compact fixed binary layout, and payload data as
 * <a href="https://github.com/EsotericSoftware/kryo">Kryo 5</a> object graphs of registered classes
 * only. Content type {@code application/x-kryo}. Choose it by name: {@code BroadcastConfig.builder()
 * .codec("kryo")} or {@code BROADCAST_CODEC=kryo}.
 *
 * <h2>Settings</h2>
 * Given with {@code BroadcastConfig.Builder.codecSetting(key, value)} when {@code kryo} is the
 * configured codec, or with {@code codecSetting("kryo", key, value)} in a client (or hub) of another
 * codec, which needs the same {@code classes} to read the Kryo payloads it receives. Any other key
 * is refused.
 * <table>
 * <caption>Settings of the kryo codec</caption>
 * <tr><th>key</th><th>value</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code classes}</td><td>comma-separated {@code [id:]class.Name}</td><td>none</td>
 *     <td>the application classes payloads may hold, with their wire ids (below)</td></tr>
 * <tr><td>{@code max-nesting-depth}</td><td>integer, 1 to 1000</td><td>100</td>
 *     <td>the deepest nesting of payload values (a list in a map in a record is 3 levels deep);
 *     deeper payloads are refused when read and when written</td></tr>
 * </table>
 *
 * <h2>Registration</h2>
 * Kryo writes a class as a number, so the codec only ever reads the classes registered with it; an
 * unknown class id from the network is a {@code CodecException}, never an object, and a class name
 * in the stream is refused. Built in, with ids below 100: {@code String}, the primitives and their
 * wrappers, {@code BigInteger}, {@code BigDecimal}, {@code UUID}, {@code Instant},
 * {@code LocalDate}, {@code LocalTime}, {@code LocalDateTime}, {@code Duration}, the primitive
 * arrays, {@code String[]}, {@code Object[]}, {@code ArrayList}, {@code HashMap},
 * {@code LinkedHashMap}, {@code HashSet}, {@code LinkedHashSet}. Maps and lists of these need no
 * setting.
 *
 * <p>Application classes go in the {@code classes} setting, e.g.
 * {@code classes=100:com.acme.Order,101:com.acme.Quote,com.acme.Side}. An entry without an id
 * takes the previous id plus one (the first, 100). Ids run from 100 to 999999999. <b>The sender
 * and every receiver must register the same classes with the same ids</b>; explicit ids keep that
 * true when the list changes. A field's type must be registered too (or built in). JDK classes
 * cannot be registered; arrays can ({@code com.acme.Order[]}).
 *
 * <p>The module path decides what Kryo may touch:
 * <ul>
 *   <li>a <b>public record in an exported package</b> needs nothing more (its canonical
 *       constructor runs on every read, so its checks apply to data from the network);</li>
 *   <li>an <b>enum</b> needs nothing;</li>
 *   <li>any <b>other class</b> is read field by field, private fields included, and made with its
 *       no-arg constructor (any visibility): its module needs
 *       {@code opens com.acme to com.esotericsoftware.kryo;}. If that constructor or a non-final
 *       field is public, Kryo reaches it through code it generates in an unnamed module, so the
 *       class must be public and its package exported too ({@code exports com.acme;});
 *       {@code exports} plus {@code opens ... to com.esotericsoftware.kryo} always works.</li>
 * </ul>
 * These rules are checked when the codec is made: a class that breaks one fails then, with the
 * line to add, not at the first message.
 *
 * <h2>What each payload becomes on the other side</h2>
 * A {@code String} or a {@code byte[]} is sent as text or raw bytes by every codec. Anything else
 * is written by Kryo and read back as the same class: numbers keep their type ({@code Integer}
 * stays {@code Integer}, {@code BigDecimal} keeps its scale), {@code null} stays {@code null}, a
 * registered record or class comes back as itself. {@code HashMap}, {@code LinkedHashMap},
 * {@code ArrayList}, {@code HashSet} and {@code LinkedHashSet} come back as themselves; any other
 * {@code Map} (e.g. {@code Map.of}, {@code TreeMap}) becomes a {@code LinkedHashMap}, any other
 * {@code Set} a {@code LinkedHashSet}, any other collection ({@code List.of}, {@code LinkedList})
 * an {@code ArrayList}, each in its iteration order; an array of an unregistered class
 * ({@code Integer[]}, {@code int[][]}) becomes an {@code Object[]}. Other JDK classes
 * ({@code Date}, {@code Optional}) cannot be sent. So declare record components as {@code Map},
 * {@code List} or {@code Set}, not as a concrete class that could not take the stand-in.
 *
 * <h2>Bad input</h2>
 * Headers and payloads are read from exactly their bytes: a truncated or malformed frame, an
 * unknown class id, a length larger than the bytes that follow, or nesting past {@code max-nesting-depth}
 * is a {@code CodecException}; nothing is allocated from a length before it is checked against the
 * bytes present. A class with its own Kryo serializer ({@code KryoSerializable},
 * {@code @DefaultSerializer}) reads through the same checked input, but what its serializer
 * allocates is its own business.
 *
 * <p>The wire layout is in {@code docs/protocol.md}, section "Kryo codec".
 *
 * @provides broadcast.api.spi.CodecProvider the {@code kryo} codec
 */
module broadcast.codec.kryo {
    requires broadcast.api;
    requires com.esotericsoftware.kryo;

    provides broadcast.api.spi.CodecProvider with broadcast.codec.kryo.internal.KryoCodecProvider;
}
