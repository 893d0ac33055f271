/**
 * Expert tier: allocation-free numeric kernels shared by the models (log-sum-exp and friends).
 *
 * <p>Methods are static, pure and thread-safe; output buffers, where taken, are documented as modified.
 */
package dev.segmentation.math;
