package dev.segmentation.testing;

import java.util.Optional;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** The jqwik hook behind {@link RequiresSharedData}: skips the annotated container or property as a whole. */
public final class SharedDataSkipHook implements SkipExecutionHook {
    /** Creates the hook (jqwik instantiates it). */
    public SharedDataSkipHook() {
    }

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        Optional<RequiresSharedData> a = context.findAnnotation(RequiresSharedData.class);
        if (a.isEmpty()) {
            return SkipResult.doNotSkip();
        }
        for (String relative : a.get().value()) {
            Optional<String> missing = SharedData.missing(relative);
            if (missing.isPresent() && !SharedData.required()) {
                return SkipResult.skip("skipped: " + missing.get());
            }
        }
        return SkipResult.doNotSkip();
    }
}
