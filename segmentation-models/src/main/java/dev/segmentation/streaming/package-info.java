/**
 * Scoring customers while events arrive, without refitting: {@link dev.segmentation.streaming.CustomerState} (a
 * customer's RFM and BTYD summary, updated in O(1) per purchase event), {@link
 * dev.segmentation.streaming.CustomerStateStore} (many states, safe under concurrent updates and reads) and
 * {@link dev.segmentation.streaming.CustomerScorer} (segment, P(churn), P(alive), expected purchases and CLV of
 * one customer from fitted models).
 *
 * <pre>{@code
 * CustomerStateStore store = CustomerStateStore.create(customerCount, PurchasePeriod.DAY);
 * store.apply(customer, LocalDate.of(2011, 12, 9).toEpochDay(), 42.50);    // from any thread
 * CustomerScore score = scorer.score(store.state(customer), LocalDate.of(2011, 12, 10));
 * }</pre>
 */
package dev.segmentation.streaming;
