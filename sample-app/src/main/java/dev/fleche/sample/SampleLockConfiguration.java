package dev.fleche.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.disk.DiskLockBackend;
import dev.fleche.core.lock.support.LockServices;

/**
 * The lock service of the sample: disk locks in {@code sample.lock-dir}, shared by every copy of
 * the application started on this host with the same working directory.
 */
@Configuration(proxyBeanMethods = false)
class SampleLockConfiguration {

	@Bean(destroyMethod = "close")
	LockService sampleLockService(SampleProperties properties) {
		return LockServices.create(DiskLockBackend.open(properties.lockDir()));
	}

}
