/*
 * The floor of any JVMTI heap sampler: SampledObjectAlloc at a mean interval with a callback
 * that only counts. What a run with it costs over none is HotSpot's own sampling path (the
 * slow-path allocation at each sample point, JvmtiSampledObjectAllocEventCollector, posting the
 * event: thread-state transitions and JNI handles for thread, object and class) — what
 * pprof4j and async-profiler pay before their callbacks do anything.
 *
 *   gcc -O2 -fPIC -shared -I$JAVA_HOME/include -I$JAVA_HOME/include/linux -o libnoop.so noop_sampler.c
 *   java -agentpath:./libnoop.so=524288 ...     (the interval in bytes; prints the count at exit)
 */
#include <jvmti.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile long samples;

static void JNICALL on_sampled_alloc(jvmtiEnv *jvmti, JNIEnv *jni, jthread thread, jobject object,
                                     jclass klass, jlong size) {
    samples++;
}

JNIEXPORT jint JNICALL Agent_OnLoad(JavaVM *vm, char *options, void *reserved) {
    jvmtiEnv *jvmti = NULL;
    if ((*vm)->GetEnv(vm, (void **) &jvmti, JVMTI_VERSION_11) != JNI_OK) {
        return JNI_ERR;
    }
    jvmtiCapabilities want;
    memset(&want, 0, sizeof(want));
    want.can_generate_sampled_object_alloc_events = 1;
    jvmtiEventCallbacks cb;
    memset(&cb, 0, sizeof(cb));
    cb.SampledObjectAlloc = on_sampled_alloc;
    jint interval = options != NULL && *options ? atoi(options) : 512 * 1024;
    if ((*jvmti)->AddCapabilities(jvmti, &want) != JVMTI_ERROR_NONE
        || (*jvmti)->SetEventCallbacks(jvmti, &cb, sizeof(cb)) != JVMTI_ERROR_NONE
        || (*jvmti)->SetHeapSamplingInterval(jvmti, interval) != JVMTI_ERROR_NONE
        || (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_SAMPLED_OBJECT_ALLOC, NULL)
            != JVMTI_ERROR_NONE) {
        fprintf(stderr, "noop_sampler: JVMTI refused the sampled allocation event\n");
        return JNI_ERR;
    }
    return JNI_OK;
}

JNIEXPORT void JNICALL Agent_OnUnload(JavaVM *vm) {
    fprintf(stderr, "noop_sampler: %ld samples\n", samples);
}
