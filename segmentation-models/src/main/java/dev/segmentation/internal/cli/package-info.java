/**
 * Not API: option parsing that the single-JVM command line ({@code segmentation-examples}) and the Spark one
 * ({@code segmentation-spark}) share, so that both read an option with the same names and refuse it with the same
 * message. May change or vanish in any release; left out of the javadoc.
 */
package dev.segmentation.internal.cli;
