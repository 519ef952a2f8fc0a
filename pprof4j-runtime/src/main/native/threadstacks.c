/*
 * Threads' stacks for the goroutine dump: JVMTI GetStackTrace gives each frame as a method id
 * and a bytecode index, so a crowd of 100 000 virtual threads costs one stack walk each and no
 * Java object per frame; the Java side (runtime.collect.threads.NativeThreadStacks) names each
 * distinct method once. For an unmounted virtual thread HotSpot walks its continuation in
 * the calling thread with only that thread's mount held off; a mounted one is a handshake with
 * its carrier. Neither stops the application.
 */
#include <stdlib.h>
#include <string.h>
#include "pprof4j.h"

extern JavaVM *pprof4j_vm;

/* The environment of stack walks and names, made at the first request; one per loaded copy of
 * the library, as pprof4j_sampler. */
static pthread_mutex_t env_lock = PTHREAD_MUTEX_INITIALIZER;
static jvmtiEnv *stacks_env;
static const char *env_error;

/* Names and lines want their capabilities; virtual threads want can_support_virtual_threads
 * (JDK 21+; bit 44, JDK 17's jvmti.h does not name it, see contention.c). */
static const char *new_env(void) {
    jvmtiEnv *env = NULL;
    if (pprof4j_vm == NULL || (*pprof4j_vm)->GetEnv(pprof4j_vm, (void **) &env, JVMTI_VERSION_11) != JNI_OK
        || env == NULL) {
        return "no JVMTI environment";
    }
    jvmtiCapabilities have, want;
    memset(&want, 0, sizeof(want));
    (*env)->GetPotentialCapabilities(env, &have);
    if (!have.can_get_line_numbers || !have.can_get_source_file_name) {
        (*env)->DisposeEnvironment(env);
        return "JVMTI offers no line numbers or source file names";
    }
    want.can_get_line_numbers = 1;
    want.can_get_source_file_name = 1;
    uint64_t bits, vt = 1ULL << 44;
    memcpy(&bits, &have, sizeof(bits));
    if (bits & vt) {
        uint64_t w;
        memcpy(&w, &want, sizeof(w));
        w |= vt;
        memcpy(&want, &w, sizeof(w));
    }
    if ((*env)->AddCapabilities(env, &want) != JVMTI_ERROR_NONE) {
        (*env)->DisposeEnvironment(env);
        return "JVMTI refused line numbers, source file names or virtual threads";
    }
    stacks_env = env;
    return NULL;
}

#define NATIVE(ret, name) JNIEXPORT ret JNICALL Java_dev_pprof4j_runtime_collect_threads_NativeThreadStacks_##name

/* Null when stacks can be taken here, else why not. */
NATIVE(jstring, open0)(JNIEnv *jni, jclass c) {
    pthread_mutex_lock(&env_lock);
    if (stacks_env == NULL && env_error == NULL) {
        env_error = new_env();
    }
    const char *error = env_error;
    pthread_mutex_unlock(&env_lock);
    return error == NULL ? NULL : (*jni)->NewStringUTF(jni, error);
}

/* The thread's frames, leaf first, into methods (jmethodID) and bcis (-1 for a native frame),
 * at most their length; the number of frames, -1 when the thread is not alive, -2 when JVMTI
 * could not take it (the caller then takes it its own way). */
NATIVE(jint, stack0)(JNIEnv *jni, jclass c, jthread thread, jlongArray methods, jintArray bcis) {
    jvmtiEnv *env = stacks_env;
    jvmtiFrameInfo frames[PPROF4J_MAX_DEPTH];
    jint depth = (*jni)->GetArrayLength(jni, bcis);
    if (env == NULL || depth > PPROF4J_MAX_DEPTH || (*jni)->GetArrayLength(jni, methods) < depth) {
        return -2;
    }
    jint n = 0;
    jvmtiError err = (*env)->GetStackTrace(env, thread, 0, depth, frames, &n);
    if (err == JVMTI_ERROR_THREAD_NOT_ALIVE) {
        return -1;
    }
    if (err != JVMTI_ERROR_NONE) {
        return -2;
    }
    jlong ids[PPROF4J_MAX_DEPTH];
    jint at[PPROF4J_MAX_DEPTH];
    for (jint i = 0; i < n; i++) {
        ids[i] = (jlong) (uintptr_t) frames[i].method;
        at[i] = (jint) frames[i].location;
    }
    (*jni)->SetLongArrayRegion(jni, methods, 0, n, ids);
    (*jni)->SetIntArrayRegion(jni, bcis, 0, n, at);
    return n;
}

/* One method's names: into out [declaring class, name, source file or null, line table as
 * (start bci, line) pairs in JVMTI's order or null, the reflected method or constructor]; its
 * modifiers, or -1 when the method is gone (its class unloaded). */
NATIVE(jint, method0)(JNIEnv *jni, jclass c, jlong id, jobjectArray out) {
    jvmtiEnv *env = stacks_env;
    jmethodID method = (jmethodID) (uintptr_t) id;
    jclass declaring = NULL;
    char *name = NULL, *file = NULL;
    jint modifiers = 0;
    if (env == NULL || (*jni)->GetArrayLength(jni, out) < 5
        || (*env)->GetMethodDeclaringClass(env, method, &declaring) != JVMTI_ERROR_NONE || declaring == NULL
        || (*env)->GetMethodModifiers(env, method, &modifiers) != JVMTI_ERROR_NONE
        || (*env)->GetMethodName(env, method, &name, NULL, NULL) != JVMTI_ERROR_NONE) {
        return -1;
    }
    if ((*env)->GetSourceFileName(env, declaring, &file) != JVMTI_ERROR_NONE) {
        file = NULL;
    }
    jint count = 0;
    jvmtiLineNumberEntry *table = NULL;
    jintArray lines = NULL;
    if ((*env)->GetLineNumberTable(env, method, &count, &table) == JVMTI_ERROR_NONE && table != NULL) {
        jint *pairs = malloc((size_t) count * 2 * sizeof(jint));
        if (pairs != NULL) {
            for (jint i = 0; i < count; i++) {
                pairs[2 * i] = (jint) table[i].start_location;
                pairs[2 * i + 1] = table[i].line_number;
            }
            lines = (*jni)->NewIntArray(jni, count * 2);
            if (lines != NULL) {
                (*jni)->SetIntArrayRegion(jni, lines, 0, count * 2, pairs);
            }
            free(pairs);
        }
        (*env)->Deallocate(env, (unsigned char *) table);
    }
    jstring jname = (*jni)->NewStringUTF(jni, name);
    jstring jfile = file == NULL ? NULL : (*jni)->NewStringUTF(jni, file);
    if (file != NULL) {
        (*env)->Deallocate(env, (unsigned char *) file);
    }
    /* a class initializer has no reflected form (and no annotation that hides it) */
    jobject reflected = strcmp(name, "<clinit>") == 0 ? NULL
            : (*jni)->ToReflectedMethod(jni, declaring, method, (modifiers & 0x0008) != 0);
    (*env)->Deallocate(env, (unsigned char *) name);
    if ((*jni)->ExceptionCheck(jni) || jname == NULL) {
        (*jni)->ExceptionClear(jni);
        return -1;
    }
    (*jni)->SetObjectArrayElement(jni, out, 0, declaring);
    (*jni)->SetObjectArrayElement(jni, out, 1, jname);
    (*jni)->SetObjectArrayElement(jni, out, 2, jfile);
    (*jni)->SetObjectArrayElement(jni, out, 3, lines);
    (*jni)->SetObjectArrayElement(jni, out, 4, reflected);
    return modifiers;
}
