/**
 * Test support shared with other modules through the test-jar: servers the tests start themselves.
 */
@NullMarked
package dev.fleche.core.testsupport;

import org.jspecify.annotations.NullMarked;
