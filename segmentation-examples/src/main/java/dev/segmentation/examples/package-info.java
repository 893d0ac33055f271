/**
 * Short programs to copy: the whole pipeline in a few lines ({@link dev.segmentation.examples.QuickStart}),
 * embedding it in a service ({@link dev.segmentation.examples.EmbeddedService}) and fitting one model alone
 * ({@link dev.segmentation.examples.FitOneModel}). Each has a {@code main} and is run by a test.
 */
package dev.segmentation.examples;
