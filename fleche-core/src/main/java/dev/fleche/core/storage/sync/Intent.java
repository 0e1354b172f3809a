package dev.fleche.core.storage.sync;

/**
 * What an operation does to the keys it touches: read takes a shared lock, write an exclusive one.
 */
public enum Intent {

	/** Reads only; may run alongside other reads of the same key. */
	READ,

	/** Changes what is stored; runs alone on its keys. */
	WRITE

}
