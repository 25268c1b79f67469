/**
 * The {@code tripletrec} command line: {@link org.tripletrec.app.Main} wires the subcommands, exit codes and
 * error messages; every command lives in {@code cli}, the HTTP server in {@code serve} (which knows nothing of
 * the command line).
 */
package org.tripletrec.app;
