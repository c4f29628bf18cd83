package broadcast.api.spi;

import broadcast.api.Payload;
import broadcast.api.TestCodec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadsTest {

    private final TestCodec codec = new TestCodec();

    @Test
    void bytesTravelAsOctetStreamWhateverTheCodec() {
        byte[] raw = {0, 1, (byte) 255};
        Payload p = Payloads.encode(raw, codec);

        assertEquals(Payload.OCTET_STREAM, p.contentType());
        assertSame(raw, p.bytes());
        assertSame(raw, Payloads.decode(p, codec));
        assertSame(raw, Payloads.decode(p, null));
    }

    @Test
    void textTravelsAsUtf8WhateverTheCodec() {
        Payload p = Payloads.encode("grüße ✓", codec);

        assertEquals(Payload.TEXT, p.contentType());
        assertArrayEquals("grüße ✓".getBytes(StandardCharsets.UTF_8), p.bytes());
        assertEquals("grüße ✓", Payloads.decode(p, null));
        assertEquals("grüße ✓", Payloads.decode(p, null, String.class));
        assertEquals("grüße ✓", Payloads.decode(p, null, CharSequence.class));
    }

    @Test
    void otherDataIsEncodedByTheCodecAndTaggedWithItsContentType() {
        Payload p = Payloads.encode(List.of(1, 2), codec);
        Payload nothing = Payloads.encode(null, codec);

        assertEquals(TestCodec.CONTENT_TYPE, p.contentType());
        assertEquals("[1, 2]", new String(p.bytes(), StandardCharsets.UTF_8));
        assertEquals("decoded:[1, 2]", Payloads.decode(p, codec));
        assertEquals("decoded:[1, 2]", Payloads.decode(p, codec, String.class));
        assertEquals(TestCodec.CONTENT_TYPE, nothing.contentType(), "null is the codec's to encode");
    }

    @Test
    void aBuiltInContentTypeDecodedAsAnotherTypeIsACodecError() {
        Payload text = Payloads.encode("x", codec);
        Payload bytes = Payloads.encode(new byte[1], codec);

        assertEquals("a payload of content type text/plain;charset=utf-8 decodes to java.lang.String, not byte[]",
                assertThrows(CodecException.class, () -> Payloads.decode(text, null, byte[].class)).getMessage());
        assertEquals("a payload of content type application/octet-stream decodes to byte[], not java.lang.String",
                assertThrows(CodecException.class, () -> Payloads.decode(bytes, null, String.class)).getMessage());
    }

    @Test
    void aContentTypeWithoutAnInstalledCodecNamesTheModuleToAdd() {
        assertMissing("application/json", "module broadcast.codec.json");
        assertMissing("application/x-kryo", "module broadcast.codec.kryo");
        assertMissing("application/x-protobuf", "module broadcast.codec.protobuf");
        assertMissing("application/yaml", "the module of a codec for application/yaml");
    }

    @Test
    void aCodecOfAnotherContentTypeIsNotUsed() {
        Payload p = new Payload("application/x-protobuf", new byte[] {1});

        CodecException e = assertThrows(CodecException.class, () -> Payloads.decode(p, codec));
        assertEquals(0, codec.decodes.get());
        assertTrue(e.getMessage().contains("add module broadcast.codec.protobuf"), e.getMessage());
    }

    private void assertMissing(String contentType, String hint) {
        Payload p = new Payload(contentType, new byte[] {1, 2});
        String expected = "no codec for payload content type " + contentType + " is installed; add " + hint
                + " to the module path (the raw bytes are in message.payload())";

        assertEquals(expected, assertThrows(CodecException.class, () -> Payloads.decode(p, null)).getMessage());
        assertEquals(expected, assertThrows(CodecException.class, () -> Payloads.decode(p, codec, Object.class)).getMessage());
    }
}
