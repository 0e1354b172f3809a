/**
 * Locks on a Redis server shared by every host: server-side scripts, FIFO queues, leases kept alive by a watchdog.
 */
@NullMarked
package dev.fleche.core.lock.redis;

import org.jspecify.annotations.NullMarked;
