package dev.fleche.autoconfigure.actuate.cache;

import java.util.List;

/**
 * Every cached function, by name.
 */
public record FunctionsDescriptor(List<FunctionDescriptor> functions) {
}
