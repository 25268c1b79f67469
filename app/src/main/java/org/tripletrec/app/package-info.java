/**
 * The {@code tripletrec} command line: {@link org.tripletrec.app.Main} wires the subcommands, exit codes and
 * error messages; the commands themselves live in {@code cli}, the HTTP server in {@code serve}.
 */
package org.tripletrec.app;
