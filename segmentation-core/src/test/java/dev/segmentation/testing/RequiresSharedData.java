package dev.segmentation.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Marks a jqwik container (class or {@code @Group}) or a single property that reads shared data files: when
 * one of them is missing the whole container or property is skipped before its first try, with the same
 * message as {@link SharedData#file(String)}, instead of every try being rejected (which jqwik reports as an
 * exhausted property). With {@code -Dsegmentation.requireSharedData=true} nothing is skipped, so the first
 * {@link SharedData#file(String)} call fails the property.
 *
 * <p>JUnit Jupiter tests do not need it: {@link SharedData#file(String)} aborts them directly.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@AddLifecycleHook(SharedDataSkipHook.class)
public @interface RequiresSharedData {
    /**
     * The files read, relative to {@code shared/data}.
     *
     * @return e.g. {@code "cdnow/cdnow_customers_summary.csv"}
     */
    String[] value();
}
