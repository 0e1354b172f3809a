package dev.fleche.sample;

import org.springframework.aop.support.AopUtils;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fleche.sample.report.ReportService;
import dev.fleche.sample.stock.StockService;

/**
 * Started in its own JVM by {@link SampleApplicationAotTest} with the generated AOT artifacts on
 * the class path and {@code spring.aot.enabled=true}: starts the sample application from the
 * generated code, calls a {@code @Locked} and a {@code @CachedCall} bean, prints what it saw.
 */
public final class AotLauncher {

	private AotLauncher() {
	}

	public static void main(String[] args) {
		if (!AotDetector.useGeneratedArtifacts()) {
			throw new IllegalStateException("Not running from AOT-generated artifacts");
		}
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.setMainApplicationClass(SampleApplication.class);
		try (ConfigurableApplicationContext context = application.run(args)) {
			StockService stock = context.getBean(StockService.class);
			ReportService reports = context.getBean(ReportService.class);
			stock.add("apples", 3);
			long first = reports.yearly(2024).total();
			long second = reports.yearly(2024).total();
			System.out.println("AOT-RESULT proxied=" + AopUtils.isAopProxy(stock) + "," + AopUtils.isAopProxy(reports)
					+ " stock=" + stock.get("apples") + " reportsEqual=" + (first == second) + " executions="
					+ context.getBean(dev.fleche.sample.report.ReportExecutions.class).count());
		}
	}

}
