/**
 * Expiry of cached calls: the expiry time in a call's metadata, and a call storage that hides expired calls.
 */
@NullMarked
package dev.fleche.core.cache.expiry;

import org.jspecify.annotations.NullMarked;
