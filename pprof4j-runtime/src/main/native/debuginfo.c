/*
 * Non-safepoint debug information for JFR's CPU samplers. While a JVMTI environment has the
 * CompiledMethodLoad event enabled and -XX:DebugNonSafepoints is at its default, HotSpot records
 * for every method compiled from then on where each instruction comes from, not only each
 * safepoint (debugInfoRec.cpp, compute_recording_non_safepoints): the same as
 * -XX:+DebugNonSafepoints, which async-profiler sets when it loads. Without it a CPU sample in
 * code inlined into a compiled caller resolves to the caller's nearest safepoint, and the
 * inlined method's self time is credited to the caller. The event is all we want; its
 * callback (on HotSpot's service thread, once per compiled method) only counts.
 */
#include "pprof4j.h"

static uint64_t compiled_method_loads;

void JNICALL pprof4j_on_compiled_method_load(jvmtiEnv *jvmti, jmethodID method, jint code_size,
                                             const void *code_addr, jint map_length,
                                             const jvmtiAddrLocationMap *map, const void *compile_info) {
    __atomic_add_fetch(&compiled_method_loads, 1, __ATOMIC_RELAXED);
}

#define NATIVE(ret, name) JNIEXPORT ret JNICALL Java_dev_pprof4j_runtime_collect_cpu_NonSafepointDebugInfo_##name

/* Null when the event is on; else why not. */
NATIVE(jstring, enable0)(JNIEnv *jni, jclass c) {
    sampler_t *s = &pprof4j_sampler;
    const char *error = NULL;
    if (s->jvmti == NULL || s->dead) {
        error = "libpprof4j has no JVMTI environment";
    } else if (!s->can_compiled_method_load) {
        error = "JVMTI refused can_generate_compiled_method_load_events";
    } else if ((*s->jvmti)->SetEventNotificationMode(s->jvmti, JVMTI_ENABLE, JVMTI_EVENT_COMPILED_METHOD_LOAD,
                                                     NULL) != JVMTI_ERROR_NONE) {
        error = "JVMTI could not enable CompiledMethodLoad";
    }
    return error == NULL ? NULL : (*jni)->NewStringUTF(jni, error);
}

/* CompiledMethodLoad events seen: methods compiled (or recompiled) since enable0. */
NATIVE(jlong, compiledMethodLoads0)(JNIEnv *jni, jclass c) {
    return (jlong) __atomic_load_n(&compiled_method_loads, __ATOMIC_RELAXED);
}
