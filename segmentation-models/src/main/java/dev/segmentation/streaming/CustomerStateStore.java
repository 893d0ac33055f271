package dev.segmentation.streaming;

import dev.segmentation.features.PurchasePeriod;
import dev.segmentation.internal.ParamChecks;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@link CustomerState}s of a fixed number of customers, identified by dense indices {@code 0..size-1} (as a
 * {@code TransactionLog} interns customer ids), safe under concurrency: any number of threads may
 * {@link #apply(int, long, double)} events and read {@link #state(int)} at once.
 *
 * <p>Each update is a lock-free compare-and-set of the customer's immutable state, so a reader always sees a
 * state that some prefix of that customer's events produced, never a torn one, and updates of one customer from
 * several threads are all applied (in some order; see {@link CustomerState} for events out of time order).
 * Events of different customers never contend. Cost: O(1) per event and about 60 bytes per customer with
 * purchases (4 bytes per customer without: they share the empty state).
 *
 * <p>Null is never accepted or returned.
 */
public final class CustomerStateStore {
    private final PurchasePeriod period;
    private final AtomicReferenceArray<CustomerState> states;

    private CustomerStateStore(int size, PurchasePeriod period) {
        this.period = period;
        this.states = new AtomicReferenceArray<>(size);
        CustomerState empty = CustomerState.empty(period);
        for (int i = 0; i < size; i++) {
            states.setPlain(i, empty);
        }
    }

    /**
     * Creates a store of customers without purchases.
     *
     * @param size the number of customers, {@code >= 0}
     * @param period the BTYD purchase period, not null
     * @return the store
     * @throws IllegalArgumentException if {@code size < 0}
     */
    public static CustomerStateStore create(int size, PurchasePeriod period) {
        Objects.requireNonNull(period, "period");
        ParamChecks.atLeast("size", size, 0);
        return new CustomerStateStore(size, period);
    }

    /**
     * Returns the number of customers.
     *
     * @return the size
     */
    public int size() {
        return states.length();
    }

    /**
     * Returns the BTYD purchase period of every state.
     *
     * @return the period
     */
    public PurchasePeriod period() {
        return period;
    }

    /**
     * Applies one purchase event to a customer's state, atomically.
     *
     * @param customer the customer index, {@code 0 <= customer < size()}
     * @param epochDay the order's day
     * @param amount the order's amount, finite and {@code >= 0}
     * @return the customer's new state
     * @throws IllegalArgumentException if the amount or day is invalid (the state is then unchanged)
     * @throws IndexOutOfBoundsException if the customer index is out of range
     */
    public CustomerState apply(int customer, long epochDay, double amount) {
        CustomerState prev = states.get(customer);
        while (true) {
            CustomerState next = prev.apply(epochDay, amount);
            CustomerState witness = states.compareAndExchange(customer, prev, next);
            if (witness == prev) {
                return next;
            }
            prev = witness;
        }
    }

    /**
     * Returns a customer's current state.
     *
     * @param customer the customer index, {@code 0 <= customer < size()}
     * @return the state (empty if the customer has no purchase yet)
     * @throws IndexOutOfBoundsException if the customer index is out of range
     */
    public CustomerState state(int customer) {
        return states.get(customer);
    }
}
