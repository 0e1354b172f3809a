package dev.fleche.autoconfigure.shedlock;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the ShedLock provider under {@code fleche.shedlock.*}.
 */
@ConfigurationProperties("fleche.shedlock")
public class FlecheShedLockProperties {

	/** Whether a ShedLock LockProvider backed by Fleche is registered when ShedLock is present. */
	private boolean enabled = true;

	/** Prefix of the Fleche lock key of every ShedLock lock name. */
	private String keyPrefix = "shedlock";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

}
