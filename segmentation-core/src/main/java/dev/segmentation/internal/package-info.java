/**
 * Not API: hooks that let the library's own modules reach internals without copying. May change or vanish
 * in any release; left out of the javadoc.
 */
package dev.segmentation.internal;
