package broadcast.codec.json.internal;

/** Checks and quotes strings for the codec and its error messages. Stateless. */
final class Texts {

    /** How many characters of a bad value an error message shows. */
    private static final int QUOTE_LIMIT = 40;

    private Texts() {
    }

    /**
     * The index of the first unpaired surrogate in the string, or -1 when it is well-formed
     * Unicode. JSON text is UTF-8, which cannot hold an unpaired surrogate, so a string with one
     * can be neither written nor accepted: another codec could not carry it either.
     */
    static int loneSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Returns the value of a header field if it is well-formed Unicode.
     *
     * @throws JsonProblem naming the field and where its unpaired surrogate is
     */
    static String wellFormed(String field, String value) {
        int at = loneSurrogate(value);
        if (at >= 0) {
            throw new JsonProblem("field \"" + field + "\" has an unpaired surrogate at index " + at
                    + ", which UTF-8 cannot hold");
        }
        return value;
    }

    /** The value in double quotes, cut after {@value #QUOTE_LIMIT} characters, for an error message. */
    static String quote(String s) {
        return '"' + abbreviate(s) + '"';
    }

    /** The value cut after {@value #QUOTE_LIMIT} characters, for an error message. */
    static String abbreviate(String s) {
        return s.length() <= QUOTE_LIMIT ? s : s.substring(0, QUOTE_LIMIT) + "...(" + s.length() + " characters)";
    }
}
