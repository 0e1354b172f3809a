package dev.fleche.autoconfigure.integration;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Spring Integration lock registry under {@code fleche.integration.lock-registry.*}.
 */
@ConfigurationProperties("fleche.integration.lock-registry")
public class FlecheLockRegistryProperties {

	/** Whether a LockRegistry backed by Fleche is registered when Spring Integration is present. */
	private boolean enabled = true;

	/** Prefix of every lock key of the registry. */
	private String region = "lock-registry";

	/**
	 * How long a grant lives if not unlocked or renewed. Unset (the default): no lease; on the
	 * disk backend a holder's locks are freed when its process dies.
	 */
	private @Nullable Duration lease;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getRegion() {
		return this.region;
	}

	public void setRegion(String region) {
		this.region = region;
	}

	public @Nullable Duration getLease() {
		return this.lease;
	}

	public void setLease(@Nullable Duration lease) {
		this.lease = lease;
	}

}
