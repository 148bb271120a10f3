/** Implementation of configuration loading and feature discovery; not API. */
package io.metaxy.config.internal;
