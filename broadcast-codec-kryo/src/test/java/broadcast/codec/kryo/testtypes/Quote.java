package broadcast.codec.kryo.testtypes;

import java.util.List;
import java.util.Map;

/** A registered record with every kind of component: strings, primitives, collections, a nested record, an enum. */
public record Quote(String symbol, double price, long time, boolean firm, List<Object> tags, Map<String, Object> attributes,
                    Side side, Level level) {
}
