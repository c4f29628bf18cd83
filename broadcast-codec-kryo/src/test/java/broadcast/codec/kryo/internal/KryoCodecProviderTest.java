package broadcast.codec.kryo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import broadcast.api.Payload;
import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecProvider;
import broadcast.api.spi.Payloads;
import broadcast.api.spi.Providers;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The codec as applications meet it: found by name through the API's provider lookup. */
class KryoCodecProviderTest {

    @Test
    void shouldBeFoundByNameAndByContentType() {
        CodecProvider provider = Providers.installed().codecProvider("kryo");
        assertInstanceOf(KryoCodecProvider.class, provider);
        assertEquals("kryo", provider.name());
        assertEquals("application/x-kryo", provider.contentType());
        assertEquals(Set.of("classes", "max-nesting-depth"), provider.settingKeys());
        assertInstanceOf(KryoCodecProvider.class, Providers.installed().codecProvider("KRYO"));
        assertTrue(Providers.installed().codecNames().contains("kryo"));
        assertInstanceOf(KryoCodecProvider.class,
                Providers.installed().codecForContentType("application/x-kryo").orElseThrow());
    }

    @Test
    void shouldMakeACodecWithSettingsThroughProviders() {
        Codec codec = Providers.installed().codec("kryo", Map.of("classes", TestCodecs.CLASSES, "max-nesting-depth", "20"));
        assertEquals("kryo", codec.name());
        assertEquals("application/x-kryo", codec.contentType());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Providers.installed().codec("kryo", Map.of("colour", "blue")));
        assertEquals("codec \"kryo\" has no setting colour; supported settings: [classes, max-nesting-depth]", e.getMessage());
    }

    @Test
    void shouldEncodeAndDecodePayloadsThroughTheApi() {
        Codec codec = Providers.installed().codec("kryo", Map.of());
        Map<String, Object> data = Map.of("symbol", "ACME", "levels", List.of(1, 2L, 3.5));

        Payload payload = Payloads.encode(data, codec);

        assertEquals("application/x-kryo", payload.contentType());
        assertEquals(data, Payloads.decode(payload, codec));
        assertEquals(data, Payloads.decode(payload, null), "a receiver without the codec instance finds it by content type");
        assertEquals(Payload.TEXT, Payloads.encode("text", codec).contentType());
        assertEquals(Payload.OCTET_STREAM, Payloads.encode(new byte[] {1}, codec).contentType());
    }
}
