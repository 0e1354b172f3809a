/**
 * Redis for Fleche's locks and storage, on the application's {@code spring.data.redis.*} connection.
 */
@NullMarked
package dev.fleche.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
