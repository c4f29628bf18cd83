package broadcast.api;

/**
 * No codec or store provider has the name asked for, or two have it. The message gives the name,
 * the names that were found, and the providers that failed to load with their errors.
 */
public class ProviderNotFoundException extends BroadcastException {

    private static final long serialVersionUID = 1L;

    /** A lookup failure. */
    public ProviderNotFoundException(String message) {
        super(message);
    }
}
