/**
 * Transaction data: the columnar {@link dev.segmentation.data.TransactionLog}, CSV ingestion with bad-row
 * policies and reports, and a seeded retail simulator with known ground truth.
 *
 * <p>Null is never accepted as an argument and never returned unless a method says so.
 */
package dev.segmentation.data;
