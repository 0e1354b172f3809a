package dev.fleche.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.core.Ordered;

/**
 * Call cache settings.
 */
public class FlecheCacheProperties {

	/**
	 * Whether @CachedCall is enabled; disabled, the methods just run.
	 */
	private boolean enabled = true;

	/**
	 * Whether concurrent misses of one key run once across processes, through the lock
	 * service (when its backend is shared), besides once per JVM.
	 */
	private boolean crossProcess = true;

	/**
	 * Order of the @CachedCall advice; lower runs outside. Default: outside @Locked and
	 * @Transactional.
	 */
	private int order = Ordered.LOWEST_PRECEDENCE - 200;

	/**
	 * How long a stored result is served when neither the function's settings nor
	 * @CachedCall(expireAfter) say. Unset (the default): for ever.
	 */
	private @Nullable Duration expireAfter;

	/**
	 * Settings per function, by its identity or @CachedCall name. Unset (the default): none.
	 */
	private Map<String, FunctionCacheProperties> functions = new LinkedHashMap<>();

	/**
	 * Layered caches.
	 */
	@NestedConfigurationProperty
	private final CacheLayersProperties layers = new CacheLayersProperties();

	public @Nullable Duration getExpireAfter() {
		return this.expireAfter;
	}

	public void setExpireAfter(@Nullable Duration expireAfter) {
		this.expireAfter = expireAfter;
	}

	public Map<String, FunctionCacheProperties> getFunctions() {
		return this.functions;
	}

	public void setFunctions(Map<String, FunctionCacheProperties> functions) {
		this.functions = functions;
	}

	public CacheLayersProperties getLayers() {
		return this.layers;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isCrossProcess() {
		return this.crossProcess;
	}

	public void setCrossProcess(boolean crossProcess) {
		this.crossProcess = crossProcess;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

}
