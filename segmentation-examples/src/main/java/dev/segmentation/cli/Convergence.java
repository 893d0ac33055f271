package dev.segmentation.cli;

import dev.segmentation.InvalidDataException;

/**
 * The command line's rule for fits that did not converge: {@code --save} refuses them unless
 * {@code --allow-non-converged} is given (exit 1, nothing written), and every command that fits or scores one
 * warns.
 */
final class Convergence {
    private Convergence() {
    }

    /** The warning text for a fit that did not converge. */
    static String warning(String model, int iterations) {
        return "the " + model + " fit did not converge (stopped after " + iterations + " iterations); its "
                + "parameters and scores may be far from the maximum-likelihood ones";
    }

    /**
     * Refuses to save a non-converged fit without {@code --allow-non-converged}.
     *
     * @throws InvalidDataException {@code --save refuses a bgnbd fit that did not converge ...}
     */
    static void checkSave(boolean converged, boolean allow, String model, int iterations) {
        if (!converged && !allow) {
            throw new InvalidDataException("--save must be given a converged fit, found a " + model + " fit that did"
                    + " not converge after " + iterations + " iterations; nothing written (add --allow-non-converged"
                    + " to save it anyway)");
        }
    }
}
