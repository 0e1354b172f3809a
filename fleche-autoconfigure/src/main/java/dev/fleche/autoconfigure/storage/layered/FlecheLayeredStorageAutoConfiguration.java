package dev.fleche.autoconfigure.storage.layered;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.fleche.autoconfigure.FlecheProperties;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.autoconfigure.storage.StorageProxies;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.layered.LayeredCallStorage;
import dev.fleche.core.storage.layered.LayeredValueStorage;

/**
 * With {@code fleche.storage.layers} set (such as {@code memory,sqlite}), the storage beans are
 * layered over those stores, nearest first, with {@code fleche.cache.layers.near-ttl} bounding how
 * long a near layer serves a call record; {@code fleche.storage.type} is then not used. Runs before
 * {@link FlecheStorageAutoConfiguration}, whose single stores back off.
 */
@AutoConfiguration(before = FlecheStorageAutoConfiguration.class)
@Conditional(FlecheLayeredStorageAutoConfiguration.LayersConfigured.class)
@EnableConfigurationProperties(FlecheProperties.class)
public final class FlecheLayeredStorageAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	LayeredStores flecheLayeredStores(FlecheProperties properties, ObjectProvider<Serializer> serializer,
			ObjectProvider<EntryCodec> codec) {
		return new LayeredStores(properties.getStorage(), serializer.getObject(), codec.getObject());
	}

	@Bean
	@ConditionalOnMissingBean
	ValueStorage flecheValueStorage(LayeredStores stores, FlecheProperties properties) {
		return StorageProxies.wrap(ValueStorage.class, new LayeredValueStorage(stores.values()),
				properties.getStorage().getLocking());
	}

	@Bean
	@ConditionalOnMissingBean
	CallStorage flecheCallStorage(LayeredStores stores, FlecheProperties properties, ObjectProvider<Clock> clock) {
		Duration nearTtl = properties.getCache().getLayers().getNearTtl();
		if (nearTtl == null || nearTtl.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("fleche.cache.layers.near-ttl", nearTtl,
					"must be zero or positive");
		}
		return StorageProxies.wrap(CallStorage.class,
				new LayeredCallStorage(stores.calls(), nearTtl, clock.getIfUnique(Clock::systemUTC)),
				properties.getStorage().getLocking());
	}

	/** Matches when {@code fleche.storage.layers} names at least one store. */
	static final class LayersConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			List<String> layers = Binder.get(context.getEnvironment())
				.bind("fleche.storage.layers", Bindable.listOf(String.class))
				.orElse(List.of());
			return layers.isEmpty() ? ConditionOutcome.noMatch("fleche.storage.layers is not set")
					: ConditionOutcome.match("fleche.storage.layers is " + layers);
		}

	}

}
