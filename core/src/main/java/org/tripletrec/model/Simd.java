package org.tripletrec.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the JDK Vector API kernels run in this JVM. The Vector API is an incubator module: its kernels are used
 * when the JVM runs with {@code --add-modules jdk.incubator.vector} (the {@code tripletrec} launcher adds it for
 * the commands that gain from it) and the environment variable {@value #ENV} is not {@code false}; otherwise, and
 * on any JDK without the module, the plain Java kernels run. Both give the same floats, bit for bit; only speed
 * differs.
 */
public final class Simd {
    private static final Logger LOG = LoggerFactory.getLogger(Simd.class);

    private Simd() {}

    /** The one switch: {@code false} for the plain kernels, {@code true} (launcher: every command) or unset. */
    public static final String ENV = "TRIPLETREC_SIMD";

    /** True when the Vector API is loaded and not switched off. */
    public static boolean enabled() {
        return enabled(System.getenv(ENV));
    }

    static boolean enabled(String switchValue) {
        return !"false".equalsIgnoreCase(switchValue == null ? "" : switchValue.strip())
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * A new instance of the Vector API implementation {@code simdClass} (a subclass of {@code type} with a no-arg
     * constructor) when {@link #enabled()}, else {@code plain}. The class is loaded by name, so that a JVM without the
     * module never links it.
     */
    public static <T> T choose(Class<T> type, String simdClass, T plain) {
        if (!enabled()) {
            LOG.debug("Vector API not enabled: plain Java {}", type.getSimpleName());
            return plain;
        }
        try {
            var constructor = Class.forName(simdClass).asSubclass(type).getDeclaredConstructor();
            constructor.setAccessible(true);
            T simd = constructor.newInstance();
            LOG.debug("Vector API {}", simdClass);
            return simd;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.debug("Vector API {} unavailable ({}): plain Java", simdClass, e.toString());
            return plain;
        }
    }
}
