/**
 * The {@code metaxy} command line: {@link io.metaxy.cli.MetaxyCli} (picocli), its {@link
 * io.metaxy.cli.ExitCodes} and the injectable {@link io.metaxy.cli.CliEnvironment}.
 */
package io.metaxy.cli;
