package dev.fleche.core.cache.shape;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles one version of a class from source into its own directory and loads it in its own class
 * loader, so a test can hold two versions of one class name: what a redeploy changes.
 */
final class RecordCompiler {

	private RecordCompiler() {
	}

	static Class<?> compile(Path directory, String className, String source) throws IOException, ClassNotFoundException {
		Files.createDirectories(directory);
		Path file = directory.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
		Files.writeString(file, source);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		int status = compiler.run(null, null, null, "-cp", directory.toString(), "-d", directory.toString(), file.toString());
		if (status != 0) {
			throw new IllegalStateException("Cannot compile " + className);
		}
		URLClassLoader loader = new URLClassLoader(new URL[] { directory.toUri().toURL() },
				RecordCompiler.class.getClassLoader());
		return loader.loadClass(className);
	}

}
