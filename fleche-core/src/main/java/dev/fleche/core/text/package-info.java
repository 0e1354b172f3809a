/**
 * Text helpers shared by the core: quoting untrusted input safely in messages.
 */
@NullMarked
package dev.fleche.core.text;

import org.jspecify.annotations.NullMarked;
