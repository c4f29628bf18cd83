package broadcast.codec.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import java.io.IOException;

/**
 * A parser that reports a floating-point number beyond the range of a {@code double} as a
 * {@link java.math.BigDecimal}, so that untyped data decodes {@code 1e400} to its exact value
 * instead of {@code Infinity}. Everything else is the wrapped parser's. Not thread-safe; one per read.
 */
final class ExactNumbers extends JsonParserDelegate {

    ExactNumbers(JsonParser parser) {
        super(parser);
    }

    @Override
    public NumberTypeFP getNumberTypeFP() throws IOException {
        return outOfDoubleRange() ? NumberTypeFP.BIG_DECIMAL : super.getNumberTypeFP();
    }

    @Override
    public Number getNumberValue() throws IOException {
        return outOfDoubleRange() ? getDecimalValue() : super.getNumberValue();
    }

    private boolean outOfDoubleRange() throws IOException {
        return currentToken() == JsonToken.VALUE_NUMBER_FLOAT && Double.isInfinite(getDoubleValue());
    }
}
