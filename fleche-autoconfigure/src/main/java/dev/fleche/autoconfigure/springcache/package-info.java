/**
 * A Spring {@code CacheManager} over Fleche's value storage, for {@code @Cacheable} methods.
 */
@NullMarked
package dev.fleche.autoconfigure.springcache;

import org.jspecify.annotations.NullMarked;
