/**
 * Sample web application on the embedded Fleche store: a cached report, locked stock updates and a
 * semaphore in front of a slow dependency.
 */
@NullMarked
package dev.fleche.sample;

import org.jspecify.annotations.NullMarked;
