package dev.fleche.core.cache;

import java.lang.reflect.Type;
import java.util.Map;

import dev.fleche.core.digest.Digest;

/**
 * One miss being computed: its call, key, argument digests, the type its value is read as, and
 * the function.
 */
record Miss(CallSpec spec, Digest key, Map<String, Digest> arguments, Type valueType, Invocation invocation) {
}
