/**
 * The {@code protobuf} codec: frame headers as the messages of {@code broadcast.proto}, and message
 * data as protobuf, with protobuf messages kept typed. Choose it by name, e.g.
 * {@code Providers.installed().codec("protobuf", Map.of())}.
 *
 * <p><b>Name</b> {@code protobuf}; <b>content type</b> {@code application/x-protobuf}. The schema
 * and every field are documented in {@code docs/protocol.md}, section "Protobuf codec".
 *
 * <table class="striped">
 * <caption>Settings</caption>
 * <thead><tr><th>key</th><th>type</th><th>default</th><th>meaning</th></tr></thead>
 * <tbody>
 * <tr><td>{@code types}</td><td>comma-separated class names</td><td>none</td>
 *     <td>Generated protobuf message classes (e.g. {@code com.acme.Order,com.acme.Quote}) that
 *     {@code data()} parses when a payload's type URL names them. The well-known types of
 *     protobuf-java ({@code Timestamp}, {@code Duration}, {@code Struct}, the wrappers, ...) are
 *     always known. A class that cannot be loaded, is not a generated message, or whose package is
 *     not exported to this module is refused when the codec is made.</td></tr>
 * </tbody>
 * </table>
 * Settings are given with {@code BroadcastConfig.Builder.codecSetting(key, value)} when
 * {@code protobuf} is the configured codec, or with {@code codecSetting("protobuf", key, value)} in a
 * client (or hub) of another codec, for the protobuf payloads it receives.
 *
 *
 * <table class="striped">
 * <caption>What message data becomes on the receiving side</caption>
 * <thead><tr><th>sent</th><th>on the wire ({@code PayloadData})</th><th>{@code data()} gives</th></tr></thead>
 * <tbody>
 * <tr><td>a protobuf {@code Message}</td><td>{@code google.protobuf.Any} with its type URL</td>
 *     <td>the parsed message if its type is well-known or in {@code types}, else the
 *     {@code com.google.protobuf.Any}; {@code data(Order.class)} parses it whenever the class is
 *     there</td></tr>
 * <tr><td>{@code Integer}, {@code Short}, {@code Byte}</td><td>{@code sint32}</td><td>{@code Integer}</td></tr>
 * <tr><td>{@code Long}</td><td>{@code sint64}</td><td>{@code Long}</td></tr>
 * <tr><td>{@code Float}, {@code Double}</td><td>{@code float}, {@code double}</td><td>the same type</td></tr>
 * <tr><td>{@code Boolean}</td><td>{@code bool}</td><td>{@code Boolean}</td></tr>
 * <tr><td>{@code null}</td><td>{@code NullValue}</td><td>{@code null}</td></tr>
 * <tr><td>{@code Map} with {@code String} keys</td><td>{@code google.protobuf.Struct}</td>
 *     <td>an unmodifiable {@code Map<String, Object>} in the same order</td></tr>
 * <tr><td>{@code Collection}</td><td>{@code google.protobuf.ListValue}</td>
 *     <td>an unmodifiable {@code List<Object>}</td></tr>
 * <tr><td>inside a map or list: numbers</td><td>{@code google.protobuf.Value} number (a double)</td>
 *     <td>{@code Double}; a {@code Long} beyond &plusmn;2<sup>53</sup> is refused rather than rounded</td></tr>
 * <tr><td>{@code String}, {@code byte[]}</td><td>not this codec: {@code text/plain;charset=utf-8} and
 *     {@code application/octet-stream}, for every codec</td><td>{@code String}, {@code byte[]}</td></tr>
 * </tbody>
 * </table>
 *
 * <p>{@code data(Type.class)} converts a number when it is exact in that type (a {@code Double}
 * 3.0 reads as {@code Integer} 3). Other types fail with a {@code CodecException} naming the type;
 * maps and lists nest at most 64 deep. Bad input from the network fails with a
 * {@code CodecException} only.
 *
 * @provides broadcast.api.spi.CodecProvider the {@code protobuf} codec
 */
module broadcast.codec.protobuf {
    requires broadcast.api;
    requires com.google.protobuf;

    // The generated classes (package ...internal.proto) stay unexported: the codec uses only
    // generated code. Protobuf's reflection on them (toString, TextFormat, JsonFormat) would need
    // "exports broadcast.codec.protobuf.internal.proto to com.google.protobuf".

    provides broadcast.api.spi.CodecProvider with broadcast.codec.protobuf.internal.ProtobufCodecProvider;
}
