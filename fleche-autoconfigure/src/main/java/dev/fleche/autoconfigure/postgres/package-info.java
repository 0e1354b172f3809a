/**
 * Auto-configuration of the PostgreSQL lock backend and store on the application's DataSource.
 */
@NullMarked
package dev.fleche.autoconfigure.postgres;

import org.jspecify.annotations.NullMarked;
