/**
 * Spring glue shared by Fleche's auto-configurations: auto-proxying and method identities.
 */
@NullMarked
package dev.fleche.autoconfigure.support;

import org.jspecify.annotations.NullMarked;
