package org.bulletin.app;

import picocli.CommandLine.IVersionProvider;

/** Version shown by {@code --version}: the jar's implementation version, or "dev" when run from classes. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"bulletin " + (v == null ? "dev" : v)};
    }
}
