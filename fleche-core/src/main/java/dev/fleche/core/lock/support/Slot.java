package dev.fleche.core.lock.support;

/**
 * Where a primitive's handles are registered: its kind, its key, and for a semaphore its mode.
 *
 * @param kind the primitive kind
 * @param key the key
 * @param mode the mode's name
 */
record Slot(String kind, String key, String mode) {
}
