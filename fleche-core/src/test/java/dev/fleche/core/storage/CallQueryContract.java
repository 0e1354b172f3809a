package dev.fleche.core.storage;

/**
 * Queries by template: metadata by containment, arguments by value or by presence, the same
 * results as matching every call in memory.
 */
public abstract class CallQueryContract extends CallStorageContractBase {

}
