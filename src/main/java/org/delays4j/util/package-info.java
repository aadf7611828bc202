/** Small shared utilities: the user-error type, argument checks, atomic file writes. */
package org.delays4j.util;
