package dev.pprof4j.cli.input;

import dev.pprof4j.profile.Profile;
import dev.pprof4j.profile.ValueType;
import java.util.List;

/**
 * The frames pprof drops from legacy profiles once they are symbolized (its
 * {@code addLegacyFrameInfo}): the allocator's own frames from heap profiles, the lock
 * implementation's from contention profiles, the CPU profiler's signal handler from the rest.
 * With them set here, a Go text dump that we symbolize from its {@code #} lines loses the
 * same {@code runtime.mallocgc} frames that go tool pprof would drop with the binary at hand.
 */
final class LegacyFrameInfo {
    private static final String ALLOC = String.join("|",
            "calloc", "cfree", "malloc", "free", "memalign", "do_memalign", "(__)?posix_memalign", "pvalloc",
            "valloc", "realloc",
            "tcmalloc::.*", "tc_calloc", "tc_cfree", "tc_malloc", "tc_free", "tc_memalign", "tc_posix_memalign",
            "tc_pvalloc", "tc_valloc", "tc_realloc", "tc_new", "tc_delete", "tc_newarray", "tc_deletearray",
            "tc_new_nothrow", "tc_newarray_nothrow",
            "malloc_zone_malloc", "malloc_zone_calloc", "malloc_zone_valloc", "malloc_zone_realloc",
            "malloc_zone_memalign", "malloc_zone_free",
            "runtime\\..*",
            "BaseArena::.*", "(::)?do_malloc_no_errno", "(::)?do_malloc_pages", "(::)?do_malloc",
            "DoSampledAllocation", "MallocedMemBlock::MallocedMemBlock", "_M_allocate", "__builtin_(vec_)?delete",
            "__builtin_(vec_)?new", "__gnu_cxx::new_allocator::allocate", "__libc_malloc",
            "__malloc_alloc_template::allocate", "allocate", "cpp_alloc", "operator new(\\[\\])?",
            "simple_alloc::allocate");
    /** Go runtime frames that stay where they sit in the middle or at the bottom of a stack. */
    private static final String ALLOC_KEEP = "runtime\\.panic|runtime\\.reflectcall|runtime\\.call[0-9]*";
    private static final String CPU_PROFILER = String.join("|",
            "ProfileData::Add", "ProfileData::prof_handler", "CpuProfiler::prof_handler", "__pthread_sighandler",
            "__restore");
    private static final String LOCK = String.join("|",
            "RecordLockProfileData", "(base::)?RecordLockProfileData.*", "(base::)?SubmitMutexProfileData.*",
            "(base::)?SubmitSpinLockProfileData.*", "(base::Mutex::)?AwaitCommon.*", "(base::Mutex::)?Unlock.*",
            "(base::Mutex::)?UnlockSlow.*", "(base::Mutex::)?ReaderUnlock.*", "(base::MutexLock::)?~MutexLock.*",
            "(Mutex::)?AwaitCommon.*", "(Mutex::)?Unlock.*", "(Mutex::)?UnlockSlow.*", "(Mutex::)?ReaderUnlock.*",
            "(MutexLock::)?~MutexLock.*", "(SpinLock::)?Unlock.*", "(SpinLock::)?SlowUnlock.*",
            "(SpinLockHolder::)?~SpinLockHolder.*");

    private static final List<List<String>> HEAP_TYPES = List.of(
            List.of("allocations", "size"), List.of("objects", "space"), List.of("inuse_objects", "inuse_space"),
            List.of("alloc_objects", "alloc_space"),
            List.of("alloc_objects", "alloc_space", "inuse_objects", "inuse_space"));

    private LegacyFrameInfo() {
    }

    static void apply(Profile p) {
        List<String> types = p.sampleTypes.stream().map(ValueType::type).toList();
        if (HEAP_TYPES.contains(types)) {
            p.dropFrames = ALLOC;
            p.keepFrames = ALLOC_KEEP;
        } else if (types.equals(List.of("contentions", "delay"))) {
            p.dropFrames = LOCK;
            p.keepFrames = "";
        } else {
            p.dropFrames = CPU_PROFILER;
            p.keepFrames = "";
        }
    }
}
