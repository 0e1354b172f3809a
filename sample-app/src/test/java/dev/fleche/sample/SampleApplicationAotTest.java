package dev.fleche.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.context.aot.AbstractAotProcessor;

/**
 * Runs Spring's AOT processing over the sample application's context, compiles the generated
 * sources, and starts the application from the generated code in a separate JVM (as a native
 * image would, without needing GraalVM): the {@code @Locked} and {@code @CachedCall} beans work
 * there and Fleche's runtime hints are among the generated ones.
 */
class SampleApplicationAotTest {

	@TempDir
	Path directory;

	@Test
	void startsFromTheGeneratedCode() throws Exception {
		Path sources = this.directory.resolve("sources");
		Path resources = this.directory.resolve("resources");
		Path classes = this.directory.resolve("classes");
		AbstractAotProcessor.Settings settings = AbstractAotProcessor.Settings.builder()
			.sourceOutput(sources)
			.resourceOutput(resources)
			.classOutput(classes)
			.groupId("dev.fleche")
			.artifactId("fleche-sample-app")
			.build();
		new SpringApplicationAotProcessor(SampleApplication.class, settings, new String[0]).process();
		assertThat(sources.resolve("dev/fleche/sample/SampleApplication__ApplicationContextInitializer.java")).exists();
		String reflection = hints(resources.resolve("META-INF/native-image"));
		assertThat(reflection).contains("dev.fleche.annotation.CachedCall")
			.contains("dev.fleche.sample.report.ReportService")
			.contains("dev.fleche.sample.report.Report");
		compile(sources, classes);

		String classPath = classes + File.pathSeparator + resources + File.pathSeparator
				+ System.getProperty("java.class.path");
		Path log = this.directory.resolve("aot.log");
		Process process = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dspring.aot.enabled=true", "-cp", classPath,
				AotLauncher.class.getName(), "--server.port=0", "--spring.main.banner-mode=off",
				"--fleche.storage.path=" + this.directory.resolve("fleche"),
				"--fleche.lock.directory=" + this.directory.resolve("locks"),
				"--sample.data-dir=" + this.directory.resolve("sample"), "--sample.report-delay=10ms")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		String output = Files.readString(log);
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("AOT-RESULT proxied=true,true stock=3 reportsEqual=true executions=1");
	}

	/** Every generated native-image metadata file, concatenated. */
	private static String hints(Path directory) throws IOException {
		StringBuilder all = new StringBuilder();
		try (Stream<Path> walk = Files.walk(directory)) {
			for (Path file : walk.filter(path -> path.toString().endsWith(".json")).toList()) {
				all.append(Files.readString(file));
			}
		}
		return all.toString();
	}

	private static void compile(Path sources, Path classes) throws IOException {
		List<String> files;
		try (Stream<Path> walk = Files.walk(sources)) {
			files = walk.filter(path -> path.toString().endsWith(".java")).map(Path::toString).toList();
		}
		Files.createDirectories(classes);
		List<String> arguments = new ArrayList<>(List.of("-proc:none", "-parameters", "-nowarn", "-d", classes.toString(),
				"-cp", classes + File.pathSeparator + System.getProperty("java.class.path")));
		arguments.addAll(files);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new))).as("javac of generated sources")
			.isZero();
	}

}
