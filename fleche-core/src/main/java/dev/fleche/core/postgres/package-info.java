/**
 * What the PostgreSQL lock and storage backends share: validated table names, schema scripts, connections.
 */
@NullMarked
package dev.fleche.core.postgres;

import org.jspecify.annotations.NullMarked;
