package p;

/** A top-level enum in the signature's package. */
public enum Priority {
  LOW,
  HIGH
}
