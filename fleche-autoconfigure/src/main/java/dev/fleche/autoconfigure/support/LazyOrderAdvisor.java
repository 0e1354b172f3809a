package dev.fleche.autoconfigure.support;

import java.util.function.IntSupplier;

import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;

/**
 * An advisor whose order is read from the properties when first asked, so that creating the
 * advisor early (auto-proxy creators do) never binds the properties before their time.
 */
public final class LazyOrderAdvisor extends DefaultPointcutAdvisor {

	private static final long serialVersionUID = 1L;

	private final transient IntSupplier order;

	public LazyOrderAdvisor(Pointcut pointcut, Advice advice, IntSupplier order) {
		super(pointcut, advice);
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order.getAsInt();
	}

}
