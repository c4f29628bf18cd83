package broadcast.transport.tcp.internal.auth;

import broadcast.api.internal.Names;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a users file: one user per line,
 * <pre>
 * # comment
 * &lt;user&gt; &lt;token hash&gt; [names=&lt;patterns&gt;] [publish=&lt;patterns&gt;] [subscribe=&lt;patterns&gt;] [direct=true|false]
 * </pre>
 * fields separated by spaces or tabs, patterns by commas ({@link Patterns}: exact names, or a prefix
 * and a trailing {@code *}). Unset: {@code names} is the user's own name, {@code publish} and
 * {@code subscribe} match nothing, {@code direct} is false. Every mistake is an error naming the
 * file and the line; nothing is guessed. Stateless.
 */
public final class UsersFile {

    private static final List<String> KEYS = List.of("names", "publish", "subscribe", "direct");

    private UsersFile() {
    }

    /**
     * The users of a file, by name.
     *
     * @param maxNameLength the hub's longest name, for patterns
     * @throws IllegalArgumentException if the file cannot be read or is invalid; the message starts
     *     with {@code usersFile <path>} and gives the line
     */
    public static Map<String, User> read(Path file, int maxNameLength) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("usersFile " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("usersFile " + file + " cannot be read: permission denied", e);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("usersFile " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("usersFile " + file + " cannot be read: " + e, e);
        }
        Map<String, User> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                User user = parse(line.split("[ \\t]+"), maxNameLength);
                if (users.putIfAbsent(user.name(), user) != null) {
                    throw new IllegalArgumentException("user '" + user.name() + "' is defined twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("usersFile " + file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("usersFile " + file + " defines no users: nobody could connect");
        }
        return Map.copyOf(users);
    }

    private static User parse(String[] fields, int maxNameLength) {
        String name = fields[0];
        String problem = Names.problem(name, maxNameLength);
        if (problem != null || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("user name \"" + name + "\" is invalid: "
                    + (problem != null ? "it " + problem : "it must not contain ':'"));
        }
        if (fields.length < 2) {
            throw new IllegalArgumentException("user '" + name + "' has no token hash; expected <user> <token hash> "
                    + "[names=...] [publish=...] [subscribe=...] [direct=true|false]");
        }
        HashedToken token;
        try {
            token = HashedToken.parse(fields[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("user '" + name + "': " + e.getMessage());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String field : Arrays.asList(fields).subList(2, fields.length)) {
            int eq = field.indexOf('=');
            String key = eq < 0 ? field : field.substring(0, eq);
            if (eq < 0 || !KEYS.contains(key)) {
                throw new IllegalArgumentException("user '" + name + "': unknown setting \"" + field + "\"; expected "
                        + "names=, publish=, subscribe= or direct=");
            }
            if (settings.put(key, field.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("user '" + name + "': " + key + " is set twice");
            }
        }
        return new User(name, token,
                patterns(name, "names", settings.getOrDefault("names", name), maxNameLength),
                patterns(name, "publish", settings.getOrDefault("publish", ""), maxNameLength),
                patterns(name, "subscribe", settings.getOrDefault("subscribe", ""), maxNameLength),
                direct(name, settings.getOrDefault("direct", "false")));
    }

    private static Patterns patterns(String user, String key, String value, int maxNameLength) {
        if (value.isEmpty()) {
            return Patterns.NONE;
        }
        try {
            return Patterns.of(Arrays.asList(value.split(",", -1)), maxNameLength);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("user '" + user + "' " + key + ": " + e.getMessage());
        }
    }

    private static boolean direct(String user, String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("user '" + user + "' direct must be true or false, was \"" + value + "\"");
    }
}
