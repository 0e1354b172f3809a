/**
 * What Fleche's Redis locks and stores share: the rule for their key prefixes.
 */
@NullMarked
package dev.fleche.core.redis;

import org.jspecify.annotations.NullMarked;
