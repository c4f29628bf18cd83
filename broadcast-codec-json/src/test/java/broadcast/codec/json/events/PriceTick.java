package broadcast.codec.json.events;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A user's payload record. The test exports this package to Jackson at run time, as a user's
 * module-info would with {@code exports broadcast.codec.json.events to com.fasterxml.jackson.databind}.
 */
public record PriceTick(String symbol, BigDecimal price, long volume, double change, List<String> venues,
                        Map<String, Integer> depth, Side side, Nested nested) {

    /** An enum inside a record. */
    public enum Side { BUY, SELL }

    /** A record inside a record. */
    public record Nested(String note, Boolean flag) {
    }
}
