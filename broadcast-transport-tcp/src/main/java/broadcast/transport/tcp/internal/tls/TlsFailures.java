package broadcast.transport.tcp.internal.tls;

import broadcast.api.BroadcastException;
import broadcast.api.ErrorCode;
import io.netty.handler.ssl.NotSslRecordException;

import javax.net.ssl.SSLException;

/**
 * Says, for a client, what went wrong when TLS did not come up: a hub without TLS, a hub with TLS
 * and a client without, or a handshake that failed (with a hint for the usual causes). Stateless.
 */
public final class TlsFailures {

    private TlsFailures() {
    }

    /** Whether a failure is about TLS: an SSL exception, or plain bytes where TLS was expected. */
    public static boolean isTls(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the first bytes of what the hub sent, read as a frame length, are those of a TLS record. */
    public static boolean looksLikeTls(long frameLength) {
        int first = (int) (frameLength >>> 24);
        return first == TlsGate.TLS_HANDSHAKE || first == TlsGate.TLS_ALERT;
    }

    /** A client without TLS got TLS bytes back. */
    public static BroadcastException hubRequiresTls(String who, String address) {
        return new BroadcastException(who + " does not use TLS, but the hub at " + address + " answered with TLS: it "
                + "requires TLS; configure it (BroadcastConfig.tls, or BROADCAST_TLS=true)", ErrorCode.UNAUTHORIZED, null);
    }

    /**
     * The failure of a client's TLS handshake.
     *
     * @param host the host the client connected to (the name the hub's certificate must have)
     */
    public static BroadcastException handshakeFailed(String who, String address, String host, Throwable cause) {
        Throwable root = cause;
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof NotSslRecordException) {
                return new BroadcastException(who + " uses TLS, but the hub at " + address + " does not: it answered "
                        + "in plain text; turn TLS off for this client, or on at the hub", ErrorCode.PROTOCOL_ERROR, c);
            }
            if (c instanceof SSLException) {
                root = c;
            }
        }
        String message = String.valueOf(root.getMessage());
        return new BroadcastException("the TLS handshake of " + who + " with the hub at " + address + " failed: "
                + message + hint(message, host), root);
    }

    private static String hint(String message, String host) {
        if (message.contains("PKIX path") || message.contains("certification path")) {
            return " (the hub's certificate is not signed by a CA this client trusts: set tls trustedCertificates, "
                    + "BROADCAST_TLS_CA, to the CA's certificate)";
        }
        if (message.contains("subject alternative") || message.contains("No name matching")) {
            return " (the hub's certificate does not name the host '" + host + "': connect to a name the certificate "
                    + "has, or give the hub a certificate for it)";
        }
        if (message.contains("certificate_required") || message.contains("bad_certificate")
                || message.contains("certificate_unknown")) {
            return " (the hub wants a client certificate signed by a CA it trusts: set tls certificateChain and "
                    + "privateKey, or keyStore)";
        }
        return "";
    }
}
