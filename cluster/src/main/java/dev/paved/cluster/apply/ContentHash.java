package dev.paved.cluster.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The hash of a desired object's content (keys sorted), recorded on the live object as the
 * annotation {@value #ANNOTATION}: when the live object carries the desired hash and Paved's fields
 * were not changed by someone else, applying again would change nothing.
 */
public final class ContentHash {

  public static final String ANNOTATION = "paved.dev/applied-hash";
  private static final ObjectMapper SORTED =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private ContentHash() {}

  public static String of(Map<String, Object> object) {
    try {
      byte[] json = SORTED.writeValueAsBytes(object);
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(json))
          .substring(0, 32);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash an object: " + e.getMessage(), e);
    }
  }
}
