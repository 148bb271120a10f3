package io.metaxy.domain.error;

/** A feature key was used that the graph or store does not know. */
public class FeatureNotFoundException extends MetaxyException {
  private static final long serialVersionUID = 1L;
  private final String featureKey;

  public FeatureNotFoundException(String featureKey, String message) {
    super(ErrorCode.FEATURE_NOT_FOUND, message);
    this.featureKey = featureKey;
  }

  public String featureKey() {
    return featureKey;
  }
}
