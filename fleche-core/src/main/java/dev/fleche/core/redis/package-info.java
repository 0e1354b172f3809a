/**
 * What the Redis lock backend and the Redis storage share: the rules of a key prefix.
 */
@NullMarked
package dev.fleche.core.redis;

import org.jspecify.annotations.NullMarked;
