package dev.segmentation.targeting;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces customer ids by keyed hashes for exports: {@code hex(HMAC-SHA256(key, UTF-8(id)))} (RFC 2104,
 * RFC 4231), 64 lower-case hexadecimal characters. Without the key the mapping cannot be recomputed or
 * inverted by a dictionary attack over the id space, unlike a plain hash; with the same key the same id always
 * gives the same pseudonym, so exports can be joined. Keep the key secret and use at least 32 random bytes.
 *
 * <pre>{@code
 * Pseudonymizer p = Pseudonymizer.hmacSha256(secretKeyBytes);
 * String pseudonym = p.pseudonymize("C00042");
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use (each call uses its own {@link Mac}). The key array
 * is copied in. Null is never accepted or returned.
 */
public final class Pseudonymizer {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    private Pseudonymizer(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * Creates an HMAC-SHA256 pseudonymizer.
     *
     * @param key the secret key, at least one byte. Not modified (copied).
     * @return the pseudonymizer
     * @throws IllegalArgumentException if the key is empty: {@code "key must be non-empty, found 0 bytes"}
     */
    public static Pseudonymizer hmacSha256(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("key must be non-empty, found 0 bytes");
        }
        return new Pseudonymizer(key.clone());
    }

    /**
     * Returns the pseudonym of an id.
     *
     * @param id the customer id
     * @return 64 lower-case hexadecimal characters
     */
    public String pseudonymize(String id) {
        Objects.requireNonNull(id, "id");
        return HexFormat.of().formatHex(mac(id.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Returns the raw HMAC-SHA256 of a message.
     *
     * @param message the message bytes. Not modified.
     * @return a new 32-byte array
     */
    public byte[] mac(byte[] message) {
        Objects.requireNonNull(message, "message");
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is required of every Java platform (javax.crypto.Mac javadoc); this cannot happen.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "Pseudonymizer{algorithm=HmacSHA256}";
    }
}
