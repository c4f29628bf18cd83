package broadcast.codec.json.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecProvider;
import broadcast.api.spi.ProviderConfig;
import broadcast.api.spi.Providers;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider: found by name through the SPI, its settings, its module declaration. */
class JsonCodecProviderTest {

    @Test
    void theInstalledProvidersFindTheCodecByNameIgnoringCase() {
        Providers providers = Providers.installed();
        assertTrue(providers.codecNames().contains("json"), providers.toString());
        CodecProvider provider = providers.codecProvider("JSON");
        assertInstanceOf(JsonCodecProvider.class, provider);
        assertEquals("json", provider.name());
        assertEquals("application/json", provider.contentType());
        assertEquals(provider.getClass(), providers.codecForContentType("application/json").orElseThrow().getClass());

        Codec codec = providers.codec("json", Map.of());
        assertEquals("json", codec.name());
        assertEquals("application/json", codec.contentType());
    }

    @Test
    void theProviderIsDeclaredInItsModuleWhichExportsNothing() {
        Module module = JsonCodecProvider.class.getModule();
        assertEquals("broadcast.codec.json", module.getName());
        ModuleDescriptor descriptor = module.getDescriptor();
        assertEquals(Set.of(), descriptor.exports());
        assertEquals(Set.of(), descriptor.opens());
        ModuleDescriptor.Provides provides = descriptor.provides().iterator().next();
        assertEquals("broadcast.api.spi.CodecProvider", provides.service());
        assertEquals(List.of(JsonCodecProvider.class.getName()), provides.providers());
        assertTrue(descriptor.requires().stream().anyMatch(r -> r.name().equals("com.fasterxml.jackson.databind")));
    }

    @Test
    void theServicesFileNamesTheProviderForTheClassPath() throws Exception {
        try (var in = JsonCodecProvider.class.getResourceAsStream("/META-INF/services/broadcast.api.spi.CodecProvider")) {
            assertEquals(JsonCodecProvider.class.getName(), new String(in.readAllBytes(), "UTF-8").trim());
        }
    }

    @Test
    void settingsAreReadAndCheckedNamingTheKeyAndValue() {
        JsonCodecProvider provider = new JsonCodecProvider();
        assertEquals(Set.of("max-nesting-depth"), provider.settingKeys());
        assertEquals("json codec (max-nesting-depth=256)", provider.create(ProviderConfig.empty()).toString());
        assertEquals("json codec (max-nesting-depth=1000)", create("max-nesting-depth", "1000").toString());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> create("colour", "blue"));
        assertEquals("codec \"json\" has no setting colour; supported settings: [max-nesting-depth]", unknown.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> create("max-nesting-depth", "deep"));
        assertEquals("codec \"json\" setting max-nesting-depth must be a whole number, was \"deep\"", text.getMessage());
        for (String bad : List.of("0", "-1", "1001")) {
            IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                    () -> create("max-nesting-depth", bad));
            assertEquals("codec \"json\" setting max-nesting-depth must be between 1 and 1000, was " + bad,
                    range.getMessage());
        }
    }

    private static Codec create(String key, String value) {
        return new JsonCodecProvider().create(ProviderConfig.of("codec \"json\"", Map.of(key, value)));
    }
}
