/**
 * One class per subcommand ({@code train}, {@code evaluate}, ...), the option mixins they share (data, training,
 * evaluation, model file) and the small pieces they print or write: data summary, epoch lines, metrics JSON, plot.
 */
package org.tripletrec.app.cli;
