package broadcast.codec.protobuf.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecProvider;
import broadcast.api.spi.ProviderConfig;
import broadcast.api.spi.Providers;
import broadcast.codec.protobuf.internal.testproto.Order;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider is found by name and content type, and checks its settings. */
class ProtobufCodecProviderTest {

    @Test
    void shouldBeFoundByNameFromTheModule() {
        CodecProvider provider = Providers.installed().codecProvider("protobuf");
        assertInstanceOf(ProtobufCodecProvider.class, provider);
        assertEquals("broadcast.codec.protobuf", provider.getClass().getModule().getName(),
                "loaded through the module's provides clause");
        assertEquals("protobuf", provider.name());
        assertEquals("application/x-protobuf", provider.contentType());
        assertEquals(Set.of("types"), provider.settingKeys());
        assertSame(provider.getClass(), Providers.installed().codecProvider("ProtoBuf").getClass());
        assertSame(provider.getClass(),
                Providers.installed().codecForContentType("application/x-protobuf").orElseThrow().getClass());
        assertTrue(Providers.installed().codecNames().contains("protobuf"));
    }

    @Test
    void shouldMakeACodecWithTheSameNameAndContentType() {
        Codec codec = Providers.installed().codec("protobuf", Map.of());
        assertEquals("protobuf", codec.name());
        assertEquals("application/x-protobuf", codec.contentType());
    }

    @Test
    void shouldRefuseAnUnknownSettingListingTheSupportedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Providers.installed().codec("protobuf", Map.of("type", "x")));
        assertEquals("codec \"protobuf\" has no setting type; supported settings: [types]", e.getMessage());
    }

    @Test
    void shouldLoadTheClassesOfTheTypesSetting() {
        Codec codec = TestCodecs.create(Map.of("types", " ," + Order.class.getName() + " , "));
        Order order = Order.newBuilder().setId("o-1").build();
        assertEquals(order, codec.decodeData(ByteBuffer.wrap(codec.encodeData(order))));
    }

    @Test
    void shouldRefuseTypesThatAreNotGeneratedMessageClasses() {
        assertSettingFails("com.acme.Missing",
                "codec \"protobuf\" setting types: no class \"com.acme.Missing\" on the class path or module path");
        assertSettingFails("java.lang.String",
                "codec \"protobuf\" setting types: java.lang.String is not a generated protobuf message class");
        assertSettingFails("com.google.protobuf.Message",
                "codec \"protobuf\" setting types: com.google.protobuf.Message is not a generated protobuf message "
                        + "class");
        assertSettingFails("com.google.protobuf.DynamicMessage",
                "codec \"protobuf\" setting types: com.google.protobuf.DynamicMessage is not a generated protobuf "
                        + "message class");
    }

    private static void assertSettingFails(String types, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProtobufCodecProvider().create(
                        ProviderConfig.of("codec \"protobuf\"", Map.of("types", types))));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
