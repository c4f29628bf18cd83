package broadcast.codec.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/** Makes the Jackson factories of the codec, configured the same way for headers and data. Stateless. */
final class JsonFactories {

    private JsonFactories() {
    }

    /**
     * A factory for strict, standard JSON in UTF-8 (Jackson's default reader features: no comments,
     * no single quotes, no NaN, no trailing commas) with nesting bounded both ways and string
     * values bounded when read.
     */
    static JsonFactory create(int maxNestingDepth, int maxStringLength) {
        return builder(maxNestingDepth, maxStringLength).build();
    }

    /** The builder of {@link #create}. */
    static JsonFactoryBuilder builder(int maxNestingDepth, int maxStringLength) {
        return new JsonFactoryBuilder()
                // names come from the network: canonicalize them (Jackson's fast byte parser needs it),
                // but never into the JVM's string table; see HeaderReader on keeping junk names out
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                // error messages say where, never echo the input
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                // astral characters (emoji) as their four UTF-8 bytes, not as an escaped surrogate pair
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth).maxStringLength(maxStringLength).build())
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(maxNestingDepth).build());
    }
}
