package broadcast.transport.tcp.internal.auth;

import broadcast.api.internal.Names;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of name patterns: exact names, and prefixes written with a trailing {@code *}
 * ({@code orders.*} matches {@code orders.eu}, {@code orders.} and every name that starts so;
 * {@code *} alone matches every name). A {@code *} anywhere else is an error. Immutable and
 * thread-safe.
 */
public final class Patterns {

    /** Matches nothing. */
    public static final Patterns NONE = new Patterns(Set.of(), new String[0], false, List.of());

    private final Set<String> exact;
    private final String[] prefixes;
    private final boolean all;
    private final List<String> written;

    private Patterns(Set<String> exact, String[] prefixes, boolean all, List<String> written) {
        this.exact = exact;
        this.prefixes = prefixes;
        this.all = all;
        this.written = written;
    }

    /**
     * Reads patterns.
     *
     * @param maxNameLength the longest name the hub accepts; a longer pattern could match nothing
     * @throws IllegalArgumentException naming the pattern if one is empty, has a {@code *} before its
     *     end, holds a control character or is too long
     */
    public static Patterns of(List<String> patterns, int maxNameLength) {
        Set<String> exact = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        boolean all = false;
        for (String p : patterns) {
            int star = p.indexOf('*');
            if (star >= 0 && star != p.length() - 1) {
                throw new IllegalArgumentException("pattern \"" + p + "\" has a * before its end; only a trailing * "
                        + "(a prefix) is allowed");
            }
            String name = star < 0 ? p : p.substring(0, star);
            if (name.isEmpty()) {
                if (star < 0) {
                    throw new IllegalArgumentException("a pattern must not be empty");
                }
                all = true;
                continue;
            }
            String problem = Names.problem(name, maxNameLength);
            if (problem != null) {
                throw new IllegalArgumentException("pattern \"" + Names.printable(p) + "\": a name " + problem);
            }
            if (star < 0) {
                exact.add(name);
            } else {
                prefixes.add(name);
            }
        }
        return new Patterns(Set.copyOf(exact), prefixes.toArray(new String[0]), all, List.copyOf(patterns));
    }

    /** Whether a name matches one of the patterns. */
    public boolean matches(String name) {
        if (all || exact.contains(name)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether it matches every name. */
    public boolean matchesAll() {
        return all;
    }

    @Override
    public String toString() {
        return String.join(",", written);
    }
}
