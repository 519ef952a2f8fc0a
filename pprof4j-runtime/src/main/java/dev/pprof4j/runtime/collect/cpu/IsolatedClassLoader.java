package dev.pprof4j.runtime.collect.cpu;

import java.util.Map;

/**
 * Defines the classes of a nested jar that the host application must never see. Its parent
 * is the platform loader, so nothing on the application's class path (an async-profiler the
 * application ships, say) can shadow ours, and nothing of ours is visible from the
 * application's loaders. JNI binds a native library to the loader of the class that loads
 * it, which makes this loader the only one whose {@code one.profiler.AsyncProfiler} talks to
 * our copy of the library.
 */
final class IsolatedClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classBytes;

    /** @param classBytes class file contents by binary name ({@code one.profiler.AsyncProfiler}) */
    IsolatedClassLoader(String name, Map<String, byte[]> classBytes) {
        super(name, ClassLoader.getPlatformClassLoader());
        this.classBytes = Map.copyOf(classBytes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classBytes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name + " is not in " + getName());
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
