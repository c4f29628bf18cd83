package broadcast.api.spi;

import java.util.Locale;

/** What a store does when a queue reaches its bound. */
public enum OverflowPolicy {
    /** Refuse the new message for that queue: the sender gets {@code NOT_DELIVERED QUEUE_FULL}. The default. */
    REJECT_NEW,
    /** Drop the oldest entries of the queue to make room, and count them. */
    DROP_OLDEST;

    /** The setting value: {@code reject-new} or {@code drop-oldest}. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The policy for a setting value, ignoring case.
     *
     * @throws IllegalArgumentException if the value names no policy
     */
    public static OverflowPolicy fromSetting(String value) {
        for (OverflowPolicy p : values()) {
            if (p.settingValue().equalsIgnoreCase(value.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("overflow must be reject-new or drop-oldest, was \"" + value + "\"");
    }
}
