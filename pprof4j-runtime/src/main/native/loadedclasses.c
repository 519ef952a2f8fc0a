/*
 * The signatures of every loaded class (arrays and hidden classes included): the Java side
 * resolves a stable class name (StableNames: Foo$$Lambda, jdk.proxy.$Proxy) to every raw class
 * that shares it, so a heap walk can ask for all of them at once.
 */
#include <stdlib.h>
#include "pprof4j.h"

extern JavaVM *pprof4j_vm;

JNIEXPORT jobjectArray JNICALL Java_dev_pprof4j_runtime_collect_heap_LoadedClasses_signatures0(JNIEnv *jni, jclass c) {
    if (pprof4j_sampler.dead || pprof4j_vm == NULL) {
        return NULL;
    }
    jvmtiEnv *env = NULL;
    if ((*pprof4j_vm)->GetEnv(pprof4j_vm, (void **) &env, JVMTI_VERSION_11) != JNI_OK || env == NULL) {
        return NULL;
    }
    jint n = 0;
    jclass *classes = NULL;
    jobjectArray out = NULL;
    if ((*env)->GetLoadedClasses(env, &n, &classes) == JVMTI_ERROR_NONE) {
        jclass string = (*jni)->FindClass(jni, "java/lang/String");
        out = string == NULL ? NULL : (*jni)->NewObjectArray(jni, n, string, NULL);
        for (jint i = 0; i < n; i++) {
            char *sig = NULL;
            if (out != NULL && (*env)->GetClassSignature(env, classes[i], &sig, NULL) == JVMTI_ERROR_NONE && sig != NULL) {
                jstring s = (*jni)->NewStringUTF(jni, sig);
                if (s == NULL) {
                    out = NULL; /* out of memory: an exception is pending, the Java side sees it */
                } else {
                    (*jni)->SetObjectArrayElement(jni, out, i, s);
                    (*jni)->DeleteLocalRef(jni, s);
                }
            }
            if (sig != NULL) (*env)->Deallocate(env, (unsigned char *) sig);
            (*jni)->DeleteLocalRef(jni, classes[i]);
        }
        if (classes != NULL) (*env)->Deallocate(env, (unsigned char *) classes);
    }
    (*env)->DisposeEnvironment(env);
    return out;
}
