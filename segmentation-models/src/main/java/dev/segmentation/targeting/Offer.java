package dev.segmentation.targeting;

/**
 * One next best offer: a recommended item promoted by a campaign the customer is eligible for.
 *
 * @param item the item index of the recommender's interaction matrix
 * @param rank the item's 0-based rank in the customer's recommendations
 * @param campaign the campaign promoting it
 * @param expectedProfit the campaign's expected profit for the customer, greater than 0
 */
public record Offer(int item, int rank, String campaign, double expectedProfit) {
}
