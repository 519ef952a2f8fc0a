/*
 * Method names, resolved once per jmethodID at the moment a new stack is first seen.
 * Resolving later (at dump time) would crash or fail for methods of classes unloaded in
 * between; copies of the names outlive the class. Runs with sampler_t.lock held.
 */
#include <stdlib.h>
#include <string.h>
#include "pprof4j.h"

static char *copy_and_free(jvmtiEnv *jvmti, char *s) {
    char *c = strdup(s == NULL ? "" : s);
    if (s != NULL) {
        (*jvmti)->Deallocate(jvmti, (unsigned char *) s);
    }
    return c;
}

static uint64_t method_hash(jmethodID id) {
    uint64_t h = (uint64_t) (uintptr_t) id;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static int index_method(sampler_t *s, uint32_t i) {
    uint32_t mask = s->method_index_cap - 1;
    uint32_t slot = (uint32_t) method_hash(s->methods[i].id) & mask;
    while (s->method_index[slot] >= 0) {
        slot = (slot + 1) & mask;
    }
    s->method_index[slot] = (int32_t) i;
    return 1;
}

static int grow_index(sampler_t *s) {
    uint32_t c = s->method_index_cap ? s->method_index_cap * 2 : 1024;
    int32_t *n = malloc((size_t) c * sizeof(int32_t));
    if (n == NULL) {
        return 0;
    }
    memset(n, 0xff, (size_t) c * sizeof(int32_t));
    free(s->method_index);
    s->method_index = n;
    s->method_index_cap = c;
    for (uint32_t i = 0; i < s->method_count; i++) {
        index_method(s, i);
    }
    return 1;
}

static void resolve(jvmtiEnv *jvmti, JNIEnv *jni, method_t *m) {
    char *name = NULL, *sig = NULL, *file = NULL;
    jclass cls = NULL;
    (*jvmti)->GetMethodName(jvmti, m->id, &name, NULL, NULL);
    m->name = copy_and_free(jvmti, name);
    if ((*jvmti)->GetMethodDeclaringClass(jvmti, m->id, &cls) == JVMTI_ERROR_NONE && cls != NULL) {
        (*jvmti)->GetClassSignature(jvmti, cls, &sig, NULL);
        if ((*jvmti)->GetSourceFileName(jvmti, cls, &file) != JVMTI_ERROR_NONE) {
            file = NULL;
        }
        (*jni)->DeleteLocalRef(jni, cls);
    }
    m->class_sig = copy_and_free(jvmti, sig);
    m->file = copy_and_free(jvmti, file);
    jint count = 0;
    jvmtiLineNumberEntry *table = NULL;
    m->line_count = 0;
    m->lines = NULL;
    if ((*jvmti)->GetLineNumberTable(jvmti, m->id, &count, &table) == JVMTI_ERROR_NONE && table != NULL) {
        m->lines = malloc((size_t) count * sizeof(jvmtiLineNumberEntry));
        if (m->lines != NULL) {
            memcpy(m->lines, table, (size_t) count * sizeof(jvmtiLineNumberEntry));
            m->line_count = count;
        }
        (*jvmti)->Deallocate(jvmti, (unsigned char *) table);
    }
}

int32_t pprof4j_method_index(sampler_t *s, JNIEnv *jni, jmethodID id) {
    if (s->method_index_cap > 0) {
        uint32_t mask = s->method_index_cap - 1;
        for (uint32_t slot = (uint32_t) method_hash(id) & mask; s->method_index[slot] >= 0;
             slot = (slot + 1) & mask) {
            int32_t i = s->method_index[slot];
            if (s->methods[i].id == id) {
                return i;
            }
        }
    }
    if ((s->method_count + 1) * 2 > s->method_index_cap && !grow_index(s)) {
        return -1;
    }
    if (s->method_count == s->method_cap) {
        uint32_t c = s->method_cap ? s->method_cap * 2 : 256;
        method_t *n = realloc(s->methods, (size_t) c * sizeof(method_t));
        if (n == NULL) {
            return -1;
        }
        s->methods = n;
        s->method_cap = c;
    }
    uint32_t i = s->method_count;
    method_t *m = &s->methods[i];
    memset(m, 0, sizeof(*m));
    m->id = id;
    resolve(s->jvmti, jni, m);
    if (m->name == NULL || m->class_sig == NULL || m->file == NULL) {
        return -1;
    }
    s->method_count = i + 1;
    index_method(s, i);
    return (int32_t) i;
}

/* The line whose range holds bci: the entry with the greatest start_location <= bci. */
jint pprof4j_line_of(const method_t *m, jlocation bci) {
    jint line = 0;
    jlocation best = -1;
    for (jint i = 0; i < m->line_count; i++) {
        if (m->lines[i].start_location <= bci && m->lines[i].start_location > best) {
            best = m->lines[i].start_location;
            line = m->lines[i].line_number;
        }
    }
    return line;
}
