package dev.fleche.autoconfigure.actuate.cache;

import java.util.List;

/**
 * The calls of one function, newest first.
 */
public record FunctionCallsDescriptor(String function, List<CallDescriptor> calls) {
}
