package broadcast.cli.internal.bench;

/**
 * Message ids that carry a sequence number, {@code PREFIX} followed by the number in decimal, so
 * that a receiver learns a message's place without decoding its payload. One instance per sender
 * thread: {@link #id} reuses a builder. {@link #seq} is stateless.
 */
final class SeqIds {

    private final StringBuilder builder;
    private final int prefixLength;

    /** @param prefix {@code A-Z a-z 0-9 _ -} only, as ids are */
    SeqIds(String prefix) {
        this.builder = new StringBuilder(prefix.length() + 20).append(prefix);
        this.prefixLength = prefix.length();
    }

    int prefixLength() {
        return prefixLength;
    }

    String id(long seq) {
        builder.setLength(prefixLength);
        return builder.append(seq).toString();
    }

    /** The number of an id made with a prefix of that length; -1 if it has none. */
    static long seq(String id, int prefixLength) {
        int n = id.length();
        if (n <= prefixLength || n - prefixLength > 18) {
            return -1;
        }
        long seq = 0;
        for (int i = prefixLength; i < n; i++) {
            int digit = id.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            seq = seq * 10 + digit;
        }
        return seq;
    }
}
