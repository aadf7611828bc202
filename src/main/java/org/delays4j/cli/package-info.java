/**
 * The {@code delays4j} command line (picocli): one class per sub-command. User errors
 * ({@link org.delays4j.util.UserInputException}, bad options) print one line and exit 2.
 */
package org.delays4j.cli;
