package broadcast.codec.kryo.internal;

import static broadcast.codec.kryo.internal.KryoBadInputTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.codec.kryo.testtypes.Quote;
import broadcast.codec.kryo.testtypes.Side;
import broadcast.codec.kryo.testtypes.Unregistered;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Map;

/** The classes setting: what it accepts, what it refuses and how it says so, and what ids reach the wire. */
class KryoRegistrationTest {

    private static final String TYPES = TestCodecs.TYPES;
    private static final String SETTING = "codec \"kryo\" setting classes: ";

    private final Codec codec = TestCodecs.codec();

    @Test
    void shouldNameTheClassAndTheSettingWhenEncodingAnUnregisteredClass() {
        CodecException e = assertThrows(CodecException.class, () -> codec.encodeData(new Unregistered("x")));
        String name = Unregistered.class.getName();
        assertEquals("the kryo codec cannot encode a " + name + ": class " + name + " is not registered; add it to the"
                + " codec setting classes of the sender and of every receiver, with the same id (e.g. classes=100:"
                + name + ")", e.getMessage());
    }

    @Test
    void shouldNameAnUnregisteredClassDeepInsideAValue() {
        CodecException e = assertThrows(CodecException.class,
                () -> codec.encodeData(Map.of("k", java.util.List.of(new Unregistered("x")))));
        assertContains("class " + Unregistered.class.getName() + " is not registered", e.getMessage());
        CodecException date = assertThrows(CodecException.class, () -> codec.encodeData(new java.util.Date()));
        assertEquals("the kryo codec cannot encode a java.util.Date: class java.util.Date is not one the codec supports,"
                + " and JDK classes cannot be registered; send a supported value instead (see the documentation of"
                + " module broadcast.codec.kryo)", date.getMessage());
    }

    @Test
    void shouldGiveClassesWithoutAnIdTheNextIds() {
        Codec implicit = TestCodecs.codec(KryoSettings.CLASSES, TYPES + ".Quote, " + TYPES + ".Side");
        assertEquals(101 + 2, implicit.encodeData(Side.BUY)[0]);
        Codec mixed = TestCodecs.codec(KryoSettings.CLASSES, "205:" + TYPES + ".Quote, " + TYPES + ".Side");
        assertEquals(206 + 2, mixed.encodeData(Side.SELL)[0] & 0xff);
    }

    @Test
    void shouldReadWhatAnotherCodecWroteWhenTheIdsMatchWhateverTheOrder() {
        Quote quote = new Generators(5).quote(1);
        byte[] payload = codec.encodeData(quote);
        Codec reordered = TestCodecs.codec(KryoSettings.CLASSES, "103:" + TYPES + ".Account, 102:" + TYPES + ".Level, 101:"
                + TYPES + ".Side, 100:" + TYPES + ".Quote");
        SameValue.assertSameValue(quote, reordered.decodeData(ByteBuffer.wrap(payload)));
    }

    @Test
    void shouldNotReadAQuoteWhenTheReceiverGaveItsIdToAnotherClass() {
        byte[] payload = codec.encodeData(new Generators(6).quote(1));
        Codec swapped = TestCodecs.codec(KryoSettings.CLASSES, "100:" + TYPES + ".Side, 101:" + TYPES + ".Quote, 102:"
                + TYPES + ".Level");
        try {
            assertNotEquals(Quote.class, swapped.decodeData(ByteBuffer.wrap(payload)).getClass());
        } catch (CodecException expected) {
            // Most often: a Side read from the first bytes, then bytes left over.
        }
    }

    @Test
    void shouldRefuseBadEntries() {
        assertRefused("entry \"x:" + TYPES + ".Quote\" has id \"x\", which is not a number; write id:class.Name or"
                + " class.Name", "x:" + TYPES + ".Quote");
        assertRefused("entry \"99:" + TYPES + ".Quote\" has id 99; ids go from 100 to 999999999 (ids below 100 are"
                + " the codec's built-in classes)", "99:" + TYPES + ".Quote");
        assertRefused("entry \"100:" + TYPES + ".Side\" has id 100, which entry \"100:" + TYPES + ".Quote\" already"
                + " has; give each class its own id", "100:" + TYPES + ".Quote, 100:" + TYPES + ".Side");
        assertRefused("entry \"" + TYPES + ".Quote\" registers " + TYPES + ".Quote, which entry \"100:" + TYPES
                + ".Quote\" already registers", "100:" + TYPES + ".Quote, " + TYPES + ".Quote");
        assertRefused("entry \"com.acme.Missing[]\": no class com.acme.Missing is visible (give the binary name, e.g."
                + " com.acme.Outer$Inner, of a class on the module path or class path)", "com.acme.Missing[]");
    }

    @Test
    void shouldRefuseJdkClassesInterfacesAndAbstractClasses() {
        assertRefused("entry \"java.util.Date\": java.util.Date is a JDK class; the JDK values the codec supports are"
                + " built in (see the broadcast.codec.kryo module documentation)", "java.util.Date");
        assertRefused("entry \"int[]\": int[] is a JDK class", "int[]");
        assertRefused("entry \"broadcast.api.spi.Codec\": broadcast.api.spi.Codec is an interface; register the"
                + " concrete classes", "broadcast.api.spi.Codec");
        assertRefused("entry \"" + TYPES + ".Holder$Shape\": " + TYPES + ".Holder$Shape is abstract; register the"
                + " concrete classes", TYPES + ".Holder$Shape");
    }

    @Test
    void shouldRefuseClassesKryoCouldNotMake() {
        assertRefused(TYPES + ".Holder$Inner is an inner class; make it static (or a record)", TYPES + ".Holder$Inner");
        assertRefused(TYPES + ".Holder$NoDefaultConstructor has no no-arg constructor; add one (any visibility) or"
                + " make it a record", TYPES + ".Holder$NoDefaultConstructor");
        assertRefused(TYPES + ".Holder$HiddenWithPublicConstructor is not public, but Kryo would use its public"
                + " no-arg constructor from generated code", TYPES + ".Holder$HiddenWithPublicConstructor");
    }

    @Test
    void shouldSayWhatTheModuleInfoNeeds() {
        String closed = "broadcast.codec.kryo.closed";
        assertRefused("record " + closed + ".HiddenRecord is in package " + closed + ", which module"
                + " broadcast.codec.kryo does not export; add \"exports " + closed + ";\" (or \"opens " + closed
                + " to com.esotericsoftware.kryo;\") to its module-info", closed + ".HiddenRecord");
        assertRefused(closed + ".HiddenBean is not a record, so Kryo reads it field by field; add \"opens " + closed
                + " to com.esotericsoftware.kryo;\" to the module-info of broadcast.codec.kryo", closed + ".HiddenBean");
        assertRefused("Kryo uses its public no-arg constructor of " + TYPES + ".Holder$PublicConstructor from"
                + " generated code, which needs \"exports " + TYPES + ";\"", TYPES + ".Holder$PublicConstructor");
        assertRefused("Kryo uses its public fields of " + TYPES + ".Holder$PublicFields from generated code",
                TYPES + ".Holder$PublicFields");
    }

    @Test
    void shouldRefuseABadMaxDepthAndUnknownSettings() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> TestCodecs.codec(KryoSettings.MAX_DEPTH, "0"));
        assertEquals("codec \"kryo\" setting max-nesting-depth must be between 1 and 1000, was 0", zero.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> TestCodecs.codec(KryoSettings.MAX_DEPTH, "deep"));
        assertContains("max-nesting-depth", text.getMessage());
        assertContains("deep", text.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> TestCodecs.codec("registrationRequired", "false"));
        assertEquals("codec \"kryo\" has no setting registrationRequired; supported settings: [classes, max-nesting-depth]",
                unknown.getMessage());
    }

    @Test
    void shouldAcceptEmptyEntriesAndSpaces() {
        Codec lenient = TestCodecs.codec(KryoSettings.CLASSES, " , " + TYPES + ".Side ,, ");
        assertEquals(Side.SELL, lenient.decodeData(ByteBuffer.wrap(lenient.encodeData(Side.SELL))));
    }

    private static void assertRefused(String expectedPart, String classes) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestCodecs.codec(KryoSettings.CLASSES, classes));
        assertContains(SETTING, e.getMessage());
        assertContains(expectedPart, e.getMessage());
    }
}
