package dev.segmentation.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the library version from the jar manifest. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"segmentation " + (v == null ? "development build" : v)};
    }
}
