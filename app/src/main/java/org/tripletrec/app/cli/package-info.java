/**
 * One class per subcommand ({@code train}, {@code evaluate}, {@code serve}, {@code bench}, ...), the option mixins
 * they share (data, titles, training, evaluation, model file) and the small pieces they print or write: data
 * summary, epoch lines, metrics JSON, plot. {@code serve} starts {@link org.tripletrec.app.serve.ModelServer} and
 * uses nothing else of that package.
 */
package org.tripletrec.app.cli;
