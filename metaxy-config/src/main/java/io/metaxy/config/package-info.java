/**
 * Configuration ({@code metaxy.toml}) and initialisation: {@link io.metaxy.config.ConfigLoader}
 * finds and validates the file, {@link io.metaxy.config.Metaxy#init()} discovers features and
 * returns a {@link io.metaxy.config.MetaxyContext} that creates stores by type.
 */
package io.metaxy.config;
