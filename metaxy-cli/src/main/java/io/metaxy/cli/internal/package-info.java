/** The commands of the {@code metaxy} command line and their rendering; not API. */
package io.metaxy.cli.internal;
