/**
 * Not API: Java ports of the JDK's native {@code StrictMath} functions that the library calls in its hottest loops,
 * each bit for bit the JDK's function (checked against it in the tests), without the JNI transition a native method
 * costs on every call (issue 19). May change or vanish in any release; left out of the javadoc.
 */
package dev.segmentation.internal.math;
