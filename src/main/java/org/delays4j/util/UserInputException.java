package org.delays4j.util;

/**
 * A problem with what the user gave us (a missing file, a malformed dataset, a bad option value).
 *
 * <p>The CLI prints its message as one line and exits with status 2, never a stack trace, so the
 * message must name the file or field at fault and say how to fix it.
 */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
