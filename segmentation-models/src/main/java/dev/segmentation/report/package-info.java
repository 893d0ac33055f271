/**
 * The HTML report of a pipeline run: one self-contained {@code report.html} with inline CSS and SVG charts drawn
 * in Java, no scripts and no network fetches, so it opens offline and from an e-mail attachment.
 */
package dev.segmentation.report;
