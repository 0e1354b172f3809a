package dev.fleche.autoconfigure.startup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.expression.Expression;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;

/**
 * Finds the variables ({@code #name}) a key expression uses that the method does not provide:
 * provided are the parameter names, {@code #p0}/{@code #a0} style indexes below the parameter
 * count, {@code #root} and {@code #this}.
 */
public final class KeyExpressionCheck {

	private static final Pattern INDEXED = Pattern.compile("[pa](\\d+)");

	private KeyExpressionCheck() {
	}

	/** The unknown variables of {@code expression}, in order of appearance. */
	public static List<String> unknownVariables(Expression expression, List<String> parameterNames) {
		if (!(expression instanceof SpelExpression spel)) {
			return List.of();
		}
		Set<String> unknown = new LinkedHashSet<>();
		collect(spel.getAST(), parameterNames, unknown);
		return new ArrayList<>(unknown);
	}

	private static void collect(SpelNode node, List<String> parameterNames, Set<String> unknown) {
		if (node instanceof VariableReference) {
			String name = node.toStringAST().substring(1);
			if (!known(name, parameterNames)) {
				unknown.add(name);
			}
		}
		for (int i = 0; i < node.getChildCount(); i++) {
			collect(node.getChild(i), parameterNames, unknown);
		}
	}

	private static boolean known(String name, List<String> parameterNames) {
		if (name.equals("root") || name.equals("this") || parameterNames.contains(name)) {
			return true;
		}
		var matcher = INDEXED.matcher(name);
		return matcher.matches() && matcher.group(1).length() < 6 && Integer.parseInt(matcher.group(1)) < parameterNames.size();
	}

}
