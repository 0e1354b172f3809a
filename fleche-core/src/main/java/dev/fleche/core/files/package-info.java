/**
 * Private files and directories: owner-only permissions, no symbolic links where Fleche expects its own.
 */
@NullMarked
package dev.fleche.core.files;

import org.jspecify.annotations.NullMarked;
