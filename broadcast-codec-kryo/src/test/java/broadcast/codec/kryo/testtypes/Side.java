package broadcast.codec.kryo.testtypes;

/** A registered enum. */
public enum Side {
    BUY, SELL
}
