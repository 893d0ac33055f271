/**
 * Expert tier: allocation-free numeric kernels shared by the models (log-sum-exp and friends), special
 * functions ({@link dev.segmentation.math.Special}: log-gamma with sign, digamma, exprel), the Gauss
 * hypergeometric forms of the BTYD models ({@link dev.segmentation.math.Hypergeometric}), BFGS with a
 * strong-Wolfe line search ({@link dev.segmentation.math.Bfgs}) and the one Cholesky
 * ({@link dev.segmentation.math.Cholesky}: EJML for the instance form, the library's own textbook kernels where
 * EJML's rounding would change fits).
 *
 * <p>Methods are static, pure and thread-safe; output buffers, where taken, are documented as modified.
 */
package dev.segmentation.math;
