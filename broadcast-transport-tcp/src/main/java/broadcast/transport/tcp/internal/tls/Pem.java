package broadcast.transport.tcp.internal.tls;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM text: certificates, and private keys in the forms OpenSSL and the JDK write: PKCS#8
 * ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, PBES2 or PBES1), PKCS#1
 * RSA ({@code RSA PRIVATE KEY}) and SEC1 EC ({@code EC PRIVATE KEY}). Errors are
 * {@link IllegalArgumentException}s saying what is wrong with the text; the caller names the
 * file. Stateless.
 */
final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA", "RSASSA-PSS", "DSA"};
    /** AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    /** OID of id-ecPublicKey (1.2.840.10045.2.1). */
    private static final byte[] EC_PUBLIC_KEY = hex("06072a8648ce3d0201");

    private record Block(String label, byte[] der) {
    }

    private Pem() {
    }

    /** The certificates in the text, in order. @throws IllegalArgumentException if none, or one is damaged */
    static List<X509Certificate> certificates(byte[] text) {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        for (Block b : blocks(text)) {
            if (!b.label().equals("CERTIFICATE")) {
                continue;
            }
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            } catch (CertificateException e) {
                throw new IllegalArgumentException("certificate " + (certificates.size() + 1) + " is damaged: "
                        + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("it holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /**
     * The first private key in the text.
     *
     * @param password the password of an encrypted key, or null
     * @throws IllegalArgumentException if there is none, it is damaged, encrypted without a password
     *     given, or the password is wrong
     */
    static PrivateKey privateKey(byte[] text, String password) {
        for (Block b : blocks(text)) {
            switch (b.label()) {
                case "PRIVATE KEY":
                    return pkcs8(b.der());
                case "ENCRYPTED PRIVATE KEY":
                    return pkcs8(decrypt(b.der(), password));
                case "RSA PRIVATE KEY":
                    return pkcs8(der(0x30, der(0x02, new byte[] {0}), RSA_ALGORITHM, der(0x04, b.der())));
                case "EC PRIVATE KEY":
                    return pkcs8(der(0x30, der(0x02, new byte[] {0}), der(0x30, EC_PUBLIC_KEY, curveOf(b.der())),
                            der(0x04, b.der())));
                default:
                    // Parameters or certificates next to the key.
            }
        }
        throw new IllegalArgumentException("it holds no PEM private key (-----BEGIN PRIVATE KEY-----, or ENCRYPTED "
                + "PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY)");
    }

    private static List<Block> blocks(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            if (body.contains("Proc-Type:") || body.contains("DEK-Info:")) {
                throw new IllegalArgumentException("its " + m.group(1) + " is encrypted in the old OpenSSL form, "
                        + "which is not supported; convert it with: openssl pkcs8 -topk8 -in old.pem -out new.pem");
            }
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("its " + m.group(1) + " is not valid base64: " + e.getMessage(), e);
            }
        }
        return blocks;
    }

    private static PrivateKey pkcs8(byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // Another algorithm, then.
            }
        }
        throw new IllegalArgumentException("its private key is damaged or of an algorithm this JDK does not know "
                + "(tried " + String.join(", ", KEY_ALGORITHMS) + ")");
    }

    private static byte[] decrypt(byte[] der, String password) {
        if (password == null) {
            throw new IllegalArgumentException("its private key is encrypted and no keyPassword is set");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // PBES2 keys name their real cipher in the parameters (as Netty's SslContext does it).
            String algorithm = info.getAlgName().equals("PBES2") || info.getAlgName().equals("1.2.840.113549.1.5.13")
                    ? info.getAlgParameters().toString() : info.getAlgName();
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray());
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(algorithm).generateSecret(spec),
                    info.getAlgParameters());
            spec.clearPassword();
            return info.getKeySpec(cipher).getEncoded();
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("its private key cannot be decrypted: the keyPassword is wrong", e);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("its encrypted private key cannot be read: " + e, e);
        }
    }

    /** The named curve of a SEC1 key: the OID inside its [0] field. */
    private static byte[] curveOf(byte[] sec1) {
        int[] at = {0};
        byte[] sequence = read(sec1, at, 0x30);
        int[] inner = {0};
        read(sequence, inner, 0x02);
        read(sequence, inner, 0x04);
        if (inner[0] < sequence.length && (sequence[inner[0]] & 0xff) == 0xa0) {
            byte[] parameters = read(sequence, inner, 0xa0);
            int[] p = {0};
            return der(0x06, read(parameters, p, 0x06));
        }
        throw new IllegalArgumentException("its EC PRIVATE KEY does not name its curve; convert it with: "
                + "openssl pkcs8 -topk8 -nocrypt -in old.pem -out new.pem");
    }

    /** Reads one DER element of the tag at {@code at[0]}, returns its content and moves past it. */
    private static byte[] read(byte[] der, int[] at, int tag) {
        try {
            int i = at[0];
            if ((der[i++] & 0xff) != tag) {
                throw new IllegalArgumentException("its EC PRIVATE KEY is damaged (unexpected DER tag)");
            }
            int length = der[i++] & 0xff;
            if (length >= 0x80) {
                int n = length & 0x7f;
                if (n == 0 || n > 3) {
                    throw new IllegalArgumentException("its EC PRIVATE KEY is damaged (DER length)");
                }
                length = 0;
                for (int k = 0; k < n; k++) {
                    length = (length << 8) | (der[i++] & 0xff);
                }
            }
            if (i + length > der.length) {
                throw new IllegalArgumentException("its EC PRIVATE KEY is damaged (truncated)");
            }
            at[0] = i + length;
            return java.util.Arrays.copyOfRange(der, i, i + length);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("its EC PRIVATE KEY is damaged (truncated)", e);
        }
    }

    /** One DER element: tag, length, the parts one after the other. */
    private static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
