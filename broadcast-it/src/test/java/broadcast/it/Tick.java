package broadcast.it;

/**
 * A user record sent as message data: registered with the Kryo codec (id 100) by the tests, read
 * by Jackson by its accessors. Public, so both reach it.
 */
public record Tick(String symbol, double price, int qty) {
}
