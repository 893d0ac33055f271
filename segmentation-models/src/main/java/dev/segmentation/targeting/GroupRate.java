package dev.segmentation.targeting;

/**
 * The selection rate of one group in a {@link FairnessReport}.
 *
 * @param group the attribute value ({@value FairnessReport#MISSING} for customers without the attribute)
 * @param customers the group's consenting customers
 * @param selected how many of them the plan contacts
 * @param rate {@code selected / customers}
 */
public record GroupRate(String group, int customers, int selected, double rate) {
}
