package io.metaxy.config;

/**
 * One effective configuration value and where it came from.
 *
 * @param key dotted key path, e.g. {@code stores.dev.config.url}
 * @param value the effective value (secrets are not masked: print with care)
 * @param origin {@code file:line}, {@code env NAME} or {@code default}
 */
public record ConfigValue(String key, Object value, String origin) {}
