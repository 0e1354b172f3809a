package dev.fleche.core.lock.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The server-side scripts, sent by SHA-1 ({@code EVALSHA}) and sent whole when the server does not
 * know them yet, for example after a restart.
 */
final class LockScripts {

	/** The scripts. */
	enum Op {

		TRY("try"), ENQUEUE("enqueue"), CLAIM("claim"), WITHDRAW("withdraw"), RELEASE("release"), RENEW("renew"),
		EXTEND("extend"), TAGGED("tagged"), STATE("state"), AVG_ADD("avg-add"), AVG_POP("avg-pop");

		final String file;

		Op(String file) {
			this.file = file;
		}

		boolean usesLibrary() {
			return this != AVG_ADD && this != AVG_POP;
		}

	}

	private static final Map<Op, Script> SCRIPTS = load();

	private final RedisCommands<String, String> sync;

	private final RedisAsyncCommands<String, String> async;

	LockScripts(RedisCommands<String, String> sync, RedisAsyncCommands<String, String> async) {
		this.sync = sync;
		this.async = async;
	}

	/** Runs {@code op} and waits for its reply. */
	List<Object> call(Op op, String[] keys, String... args) {
		Script script = SCRIPTS.get(op);
		try {
			return this.sync.evalsha(script.sha, ScriptOutputType.MULTI, keys, args);
		}
		catch (RedisNoScriptException ex) {
			return this.sync.eval(script.source, ScriptOutputType.MULTI, keys, args);
		}
	}

	/** Runs {@code op} without waiting. */
	CompletionStage<List<Object>> callAsync(Op op, String[] keys, String... args) {
		Script script = SCRIPTS.get(op);
		CompletableFuture<List<Object>> first = this.async.<List<Object>>evalsha(script.sha, ScriptOutputType.MULTI, keys,
				args).toCompletableFuture();
		return first.exceptionallyCompose((ex) -> {
			Throwable cause = (ex instanceof java.util.concurrent.CompletionException) ? ex.getCause() : ex;
			if (cause instanceof RedisNoScriptException) {
				return this.async.<List<Object>>eval(script.source, ScriptOutputType.MULTI, keys, args).toCompletableFuture();
			}
			return CompletableFuture.failedFuture(cause);
		});
	}

	private static Map<Op, Script> load() {
		String library = read("lib.lua");
		Map<Op, Script> scripts = new EnumMap<>(Op.class);
		for (Op op : Op.values()) {
			String body = read(op.file + ".lua");
			scripts.put(op, new Script(op.usesLibrary() ? library + body : body));
		}
		return scripts;
	}

	private static String read(String name) {
		try (InputStream in = LockScripts.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("Missing Redis lock script " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read Redis lock script " + name + ": " + ex, ex);
		}
	}

	/** A script's source and SHA-1. */
	private static final class Script {

		final String source;

		final String sha;

		Script(String source) {
			this.source = source;
			try {
				this.sha = HexFormat.of()
					.formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
