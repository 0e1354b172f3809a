/**
 * The call model: a call record and the template that queries calls.
 */
@NullMarked
package dev.fleche.core.call;

import org.jspecify.annotations.NullMarked;
