/**
 * Expert tier: allocation-free numeric kernels shared by the models (log-sum-exp and friends), special
 * functions ({@link dev.segmentation.math.Special}: log-gamma with sign, digamma, exprel), the Gauss
 * hypergeometric forms of the BTYD models ({@link dev.segmentation.math.Hypergeometric}), BFGS with a
 * strong-Wolfe line search ({@link dev.segmentation.math.Bfgs}) and the one Cholesky
 * ({@link dev.segmentation.math.Cholesky}: EJML for the instance form, the library's own textbook kernels where
 * EJML's rounding would change fits, and a row-wise kernel with four partial sums for implicit ALS's Woodbury
 * step), and the dot product with four partial sums of the hot loops ({@link dev.segmentation.math.Dot}, called
 * by implicit ALS and that kernel). Logistic regression keeps its own backtracking line search: its conditions are
 * not BFGS's (see {@code Bfgs}' line search).
 *
 * <p>Methods are static, pure and thread-safe; output buffers, where taken, are documented as modified.
 *
 * <p><b>The numerics seam.</b> A numeric routine that two model families need lives here once, in the expert
 * tier's shape (static, allocation-free where it runs per row, documented cost, {@code Not modified.} /
 * {@code Modified.} on every array): the CLV fitters take their optimizer and special functions from here, and
 * logistic regression, the Gaussian mixtures, the CLV fitters and implicit ALS their Cholesky. To add a routine,
 * put it here with a golden test against a published or hand-computed value and a property test of its defining
 * identity (as {@code CholeskyTest} and {@code CholeskyPropertiesTest} do), then switch the copies to it only if
 * the fits they feed stay bit-identical, or say how much they move.
 */
package dev.segmentation.math;
