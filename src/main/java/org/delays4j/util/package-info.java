/** Small shared utilities: the user-error type, argument checks, atomic file writes, label-written enums. */
package org.delays4j.util;
