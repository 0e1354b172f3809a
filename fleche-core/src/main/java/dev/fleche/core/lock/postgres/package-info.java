/**
 * Locks shared by the processes of many hosts through a PostgreSQL database, woken by LISTEN/NOTIFY.
 */
@NullMarked
package dev.fleche.core.lock.postgres;

import org.jspecify.annotations.NullMarked;
