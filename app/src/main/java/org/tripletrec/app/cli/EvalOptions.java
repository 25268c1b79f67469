package org.tripletrec.app.cli;

import org.tripletrec.cli.UserInputException;
import org.tripletrec.eval.Evaluator;
import picocli.CommandLine.Option;

/** How to evaluate: on every eligible test user, or on a repeatable sample of them for large data. */
public final class EvalOptions {

    @Option(names = "--eval-users", paramLabel = "N", defaultValue = "0",
            description = "Evaluate a fixed random sample of N test users (0 = all, the default).")
    int evalUsers;

    public Evaluator evaluator() {
        if (evalUsers < 0) {
            throw new UserInputException("--eval-users must be 0 or more, got " + evalUsers);
        }
        return Evaluator.builder().maxUsers(evalUsers).build();
    }
}
