package broadcast.api.internal;

import broadcast.api.BroadcastMessage;

import java.util.List;

/** Checks client, channel and message names. Stateless. */
public final class Names {

    private Names() {
    }

    /**
     * @throws IllegalArgumentException if the name is null, blank, longer than
     *     {@link BroadcastMessage#MAX_NAME_LENGTH}, or holds a control character
     */
    public static String requireValid(String what, String name) {
        if (name == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        String problem = problem(name, BroadcastMessage.MAX_NAME_LENGTH);
        if (problem != null) {
            throw new IllegalArgumentException(what + " " + problem);
        }
        return name;
    }

    /** As {@link #requireValid} but lets {@code null} through. */
    public static String requireValidOrNull(String what, String name) {
        return name == null ? null : requireValid(what, name);
    }

    /**
     * @throws IllegalArgumentException if the list is null or empty, or an element is null or invalid
     *     (the message gives its index)
     */
    public static void requireValidList(String what, List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException(what + " must hold at least one name, was " + (names == null ? "null" : "empty"));
        }
        for (int i = 0; i < names.size(); i++) {
            requireValid(what + "[" + i + "]", names.get(i));
        }
    }

    /** What is wrong with a name under the given length limit, or {@code null} when it is valid. */
    public static String problem(String name, int maxLength) {
        if (name.isBlank()) {
            return "must not be blank, was \"" + name + "\"";
        }
        if (name.length() > maxLength) {
            return "must be at most " + maxLength + " characters, was " + name.length() + " (\""
                    + printable(name.substring(0, Math.min(32, maxLength))) + "...\")";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return "must not contain control characters, found U+" + String.format("%04X", (int) c)
                        + " at index " + i + " in \"" + printable(name) + "\"";
            }
        }
        return null;
    }

    /** The name with control characters shown as {@code ?}, cut at 64 characters, for error messages. */
    public static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && i < 64; i++) {
            char c = name.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.toString();
    }
}
