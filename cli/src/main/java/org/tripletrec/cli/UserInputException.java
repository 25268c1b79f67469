package org.tripletrec.cli;

/** Something the user asked for that cannot be done as asked (unknown user, bad option combination): exit 2. */
public final class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }
}
