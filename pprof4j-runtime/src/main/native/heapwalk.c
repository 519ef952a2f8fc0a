/*
 * Who holds it: one bounded JVMTI FollowReferences walk from the GC roots that remembers, for
 * every object it reaches, the object (or class, for a static field) it was first reached from.
 * The targets — the objects of one class, or the live sampled objects of some allocation sites
 * (the sampler's weak references say which objects those are) — are then grouped by the shape
 * of their chain (classes and field names, array indexes ignored), e.g.
 *   static LeakyCache.ENTRIES -> java.util.concurrent.ConcurrentHashMap .table -> ...Node[] [] -> ...
 * A sampled object the walk does not reach is garbage not yet collected: it gets no chain.
 * The walk runs in a fresh JVMTI environment whose disposal drops all its tags at once; it stops
 * the world for its duration and is bounded by max_objects and a deadline (the answer then
 * says "partial"), and the answer by max_paths.
 */
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include "pprof4j.h"

extern JavaVM *pprof4j_vm;

typedef struct {
    int32_t parent;   /* >0: node tag, <0: class tag -(i+1), 0: a GC root */
    int32_t index;    /* field index or array index of the edge from the parent; root kind for roots */
    int32_t cls;      /* class index (from the object's class tag) */
    uint8_t kind;     /* jvmtiHeapReferenceKind of the edge */
} node_t;

/* Site mode: sampled objects are tagged MARK_BASE + k before the walk (node tags stay far
 * below it), so reaching one tells which sample it is. */
#define MARK_BASE ((jlong) 1 << 40)

typedef struct {
    int64_t size;
    double scale;     /* the sample's 1/(1-e^(-size/rate)) */
} mark_t;

typedef struct {
    node_t *nodes; uint32_t count, cap, max;
    int32_t *targets; uint32_t target_count, target_cap;
    int64_t *target_sizes;
    double *target_weights; /* estimated bytes a target stands for (site mode), else its size */
    char *is_target;  /* per class index; NULL in site mode */
    mark_t *marks; uint32_t mark_count;
    uint64_t deadline; /* CLOCK_MONOTONIC nanoseconds; the walk stops there */
    int aborted;      /* 1: max objects, 2: time, 3: out of memory */
} walk_t;

static uint64_t mono_nanos(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000ULL + (uint64_t) t.tv_nsec;
}

static jint JNICALL on_reference(jvmtiHeapReferenceKind kind, const jvmtiHeapReferenceInfo *info,
                                 jlong class_tag, jlong referrer_class_tag, jlong size, jlong *tag_ptr,
                                 jlong *referrer_tag_ptr, jint length, void *user_data) {
    walk_t *w = user_data;
    jlong mark = *tag_ptr;
    if (mark != 0 && mark < MARK_BASE) {
        return JVMTI_VISIT_OBJECTS; /* seen already, or a class (pre-tagged, negative) */
    }
    if (w->count + 1 >= w->max) {
        w->aborted = 1;
        return JVMTI_VISIT_ABORT;
    }
    if ((w->count & 4095) == 0 && mono_nanos() > w->deadline) {
        w->aborted = 2;
        return JVMTI_VISIT_ABORT;
    }
    if (w->count + 1 >= w->cap) {
        uint32_t c = w->cap ? w->cap * 2 : 65536;
        node_t *n = realloc(w->nodes, (size_t) c * sizeof(node_t));
        if (n == NULL) {
            w->aborted = 3;
            return JVMTI_VISIT_ABORT;
        }
        w->nodes = n;
        w->cap = c;
    }
    uint32_t id = ++w->count; /* node 0 unused: tags must be nonzero */
    node_t *nd = &w->nodes[id];
    jlong ptag = referrer_tag_ptr == NULL ? 0 : *referrer_tag_ptr;
    nd->parent = (int32_t) ptag;
    nd->kind = (uint8_t) kind;
    nd->index = 0;
    if (kind == JVMTI_HEAP_REFERENCE_FIELD || kind == JVMTI_HEAP_REFERENCE_STATIC_FIELD) {
        nd->index = info->field.index;
    } else if (kind == JVMTI_HEAP_REFERENCE_ARRAY_ELEMENT) {
        nd->index = info->array.index;
    }
    nd->cls = class_tag < 0 ? (int32_t) (-class_tag - 1) : -1;
    *tag_ptr = (jlong) id;
    const mark_t *m = mark >= MARK_BASE && (uint64_t) (mark - MARK_BASE) < w->mark_count
            ? &w->marks[mark - MARK_BASE] : NULL;
    if (m != NULL || (w->is_target != NULL && nd->cls >= 0 && w->is_target[nd->cls])) {
        if (w->target_count == w->target_cap) {
            uint32_t c = w->target_cap ? w->target_cap * 2 : 1024;
            int32_t *t = realloc(w->targets, (size_t) c * sizeof(int32_t));
            int64_t *z = realloc(w->target_sizes, (size_t) c * sizeof(int64_t));
            double *g = realloc(w->target_weights, (size_t) c * sizeof(double));
            if (t != NULL) w->targets = t;
            if (z != NULL) w->target_sizes = z;
            if (g != NULL) w->target_weights = g;
            if (t == NULL || z == NULL || g == NULL) {
                return JVMTI_VISIT_OBJECTS;
            }
            w->target_cap = c;
        }
        w->targets[w->target_count] = (int32_t) id;
        w->target_sizes[w->target_count] = size;
        w->target_weights[w->target_count++] = m != NULL ? m->scale * (double) m->size : (double) size;
    }
    return JVMTI_VISIT_OBJECTS;
}

/* Name of field `index` of klass in JVMTI's numbering: the superclass's fields first, then
 * fields of interfaces not counted yet, then the class's own (GetClassFields order). */
static int field_layout(jvmtiEnv *jvmti, JNIEnv *jni, jclass k, jint index, jint *base, char **out) {
    jclass super = (*jni)->GetSuperclass(jni, k);
    if (super != NULL) {
        int found = field_layout(jvmti, jni, super, index, base, out);
        (*jni)->DeleteLocalRef(jni, super);
        if (found) {
            return 1;
        }
    }
    jint ni = 0;
    jclass *ifaces = NULL;
    if ((*jvmti)->GetImplementedInterfaces(jvmti, k, &ni, &ifaces) == JVMTI_ERROR_NONE) {
        for (jint i = 0; i < ni; i++) {
            jint nf = 0;
            jfieldID *f = NULL;
            if ((*jvmti)->GetClassFields(jvmti, ifaces[i], &nf, &f) == JVMTI_ERROR_NONE) {
                (*jvmti)->Deallocate(jvmti, (unsigned char *) f);
                *base += nf; /* approximate: a repeated superinterface is counted again */
            }
        }
        (*jvmti)->Deallocate(jvmti, (unsigned char *) ifaces);
    }
    jint nf = 0;
    jfieldID *fields = NULL;
    if ((*jvmti)->GetClassFields(jvmti, k, &nf, &fields) != JVMTI_ERROR_NONE) {
        return 0;
    }
    int found = 0;
    if (index >= *base && index < *base + nf) {
        char *name = NULL;
        if ((*jvmti)->GetFieldName(jvmti, k, fields[index - *base], &name, NULL, NULL) == JVMTI_ERROR_NONE) {
            *out = strdup(name);
            (*jvmti)->Deallocate(jvmti, (unsigned char *) name);
            found = 1;
        }
    }
    *base += nf;
    (*jvmti)->Deallocate(jvmti, (unsigned char *) fields);
    return found;
}

static void append(char **buf, size_t *len, size_t *cap, const char *s) {
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        size_t c = (*cap ? *cap * 2 : 4096);
        while (c < *len + n + 1) c *= 2;
        char *b = realloc(*buf, c);
        if (b == NULL) return;
        *buf = b;
        *cap = c;
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

static const char *root_name(jvmtiHeapReferenceKind k) {
    switch (k) {
        case JVMTI_HEAP_REFERENCE_JNI_GLOBAL: return "JNI global";
        case JVMTI_HEAP_REFERENCE_SYSTEM_CLASS: return "system class";
        case JVMTI_HEAP_REFERENCE_MONITOR: return "monitor";
        case JVMTI_HEAP_REFERENCE_STACK_LOCAL: return "stack local";
        case JVMTI_HEAP_REFERENCE_JNI_LOCAL: return "JNI local";
        case JVMTI_HEAP_REFERENCE_THREAD: return "thread";
        default: return "other root";
    }
}

typedef struct {
    uint64_t shape;
    int32_t node;    /* representative target */
    int64_t count;
    double weight;   /* bytes, or estimated bytes in site mode */
} path_t;

static int by_weight(const void *a, const void *b) {
    const path_t *x = a, *y = b;
    return x->weight < y->weight ? 1 : x->weight > y->weight ? -1 : 0;
}

#define MAX_CHAIN 48

/* Tags every live sample of a wanted site with MARK_BASE + k in the walk's environment.
 * Under the sampler's lock (a snapshot may delete weak references meanwhile); nothing here
 * allocates Java objects. Returns the number of live samples of those sites. */
static uint32_t mark_samples(sampler_t *s, JNIEnv *jni, jvmtiEnv *env, const jint *sites, jint nsites,
                             walk_t *w) {
    pthread_mutex_lock(&s->lock);
    uint32_t matching = 0;
    char *wanted = calloc((size_t) s->site_count + 1, 1);
    for (jint i = 0; wanted != NULL && i < nsites; i++) {
        if (sites[i] >= 0 && (uint32_t) sites[i] < s->site_count) {
            wanted[sites[i]] = 1;
        }
    }
    w->marks = wanted == NULL ? NULL : malloc(((size_t) s->live_count + 1) * sizeof(mark_t));
    for (uint32_t i = 0; w->marks != NULL && i < s->live_count; i++) {
        const live_t *l = &s->live[i];
        if (!wanted[l->site]) {
            continue;
        }
        jobject o = (*jni)->NewLocalRef(jni, l->ref); /* NULL once collected */
        if (o == NULL) {
            continue;
        }
        matching++;
        if ((*env)->SetTag(env, o, MARK_BASE + (jlong) w->mark_count) == JVMTI_ERROR_NONE) {
            w->marks[w->mark_count].size = l->size;
            w->marks[w->mark_count++].scale = l->scale;
        }
        (*jni)->DeleteLocalRef(jni, o);
    }
    pthread_mutex_unlock(&s->lock);
    free(wanted);
    return matching;
}

static const char *abort_reason(int aborted) {
    switch (aborted) {
        case 1: return " (partial: max objects reached)";
        case 2: return " (partial: time limit reached)";
        case 3: return " (partial: out of native memory)";
        default: return "";
    }
}

static int by_string(const void *a, const void *b) {
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* One walk. Class mode: targets are the objects of the classes whose signatures are in
 * target_sigs (sorted; several when raw classes share one stable name). Site mode (target_sigs
 * NULL): the live sampled objects of the given sites. Text: a first line "# walked ...", then
 * per chain shape "objects<TAB>bytes<TAB>chain", the largest first; in site mode "objects" counts
 * samples and "bytes" is the estimate they stand for. A line starting "!" is an error. */
static jstring walk_heap(JNIEnv *jni, const char **target_sigs, jint ntargets, const jint *sites, jint nsites,
                         jint max_objects, jint max_paths, jlong max_millis) {
    sampler_t *s = &pprof4j_sampler;
    if (s->dead || pprof4j_vm == NULL) {
        return NULL;
    }
    jvmtiEnv *env = NULL;
    if ((*pprof4j_vm)->GetEnv(pprof4j_vm, (void **) &env, JVMTI_VERSION_11) != JNI_OK || env == NULL) {
        return (*jni)->NewStringUTF(jni, "! no JVMTI environment for the heap walk");
    }
    jvmtiCapabilities caps;
    memset(&caps, 0, sizeof(caps));
    caps.can_tag_objects = 1;
    if ((*env)->AddCapabilities(env, &caps) != JVMTI_ERROR_NONE) {
        (*env)->DisposeEnvironment(env);
        return (*jni)->NewStringUTF(jni, "! JVMTI refused can_tag_objects");
    }
    jint nclasses = 0;
    jclass *classes = NULL;
    walk_t w;
    memset(&w, 0, sizeof(w));
    w.max = max_objects < 1000 ? 1000 : (uint32_t) max_objects;
    (*env)->GetLoadedClasses(env, &nclasses, &classes);
    char **sigs = calloc((size_t) nclasses + 1, sizeof(char *));
    if (target_sigs != NULL) {
        w.is_target = calloc((size_t) nclasses + 1, 1);
    }
    int ready = sigs != NULL && (target_sigs == NULL || w.is_target != NULL);
    for (jint i = 0; i < nclasses && ready; i++) {
        (*env)->SetTag(env, classes[i], -(jlong) (i + 1));
        (*env)->GetClassSignature(env, classes[i], &sigs[i], NULL);
        if (target_sigs != NULL) {
            w.is_target[i] = sigs[i] != NULL
                    && bsearch(&sigs[i], target_sigs, (size_t) ntargets, sizeof(char *), by_string) != NULL;
        }
    }
    uint32_t matching = 0;
    if (ready && target_sigs == NULL) {
        matching = mark_samples(s, jni, env, sites, nsites, &w);
        ready = w.marks != NULL;
    }
    jvmtiHeapCallbacks cb;
    memset(&cb, 0, sizeof(cb));
    cb.heap_reference_callback = on_reference;
    w.deadline = mono_nanos() + (uint64_t) (max_millis < 1 ? 1 : max_millis) * 1000000ULL;
    if (ready) {
        (*env)->FollowReferences(env, 0, NULL, NULL, &cb, &w);
    }

    /* Group targets by chain shape. */
    uint32_t npaths = 0;
    path_t *paths = calloc((size_t) w.target_count + 1, sizeof(path_t));
    for (uint32_t t = 0; paths != NULL && t < w.target_count; t++) {
        uint64_t h = 0xcbf29ce484222325ULL;
        int32_t n = w.targets[t];
        for (int d = 0; d < MAX_CHAIN && n > 0; d++) {
            node_t *nd = &w.nodes[n];
            int32_t key[3] = {nd->cls, nd->kind, nd->kind == JVMTI_HEAP_REFERENCE_ARRAY_ELEMENT ? 0 : nd->index};
            h = pprof4j_hash_bytes(h, key, sizeof(key));
            if (nd->parent < 0) {
                h = pprof4j_hash_bytes(h, &nd->parent, sizeof(nd->parent));
            }
            n = nd->parent;
        }
        uint32_t p = 0;
        while (p < npaths && paths[p].shape != h) p++;
        if (p == npaths) {
            if (npaths >= 4096) continue; /* bounded: the rest would be the long tail */
            paths[npaths].shape = h;
            paths[npaths].node = w.targets[t];
            npaths++;
        }
        paths[p].count++;
        paths[p].weight += w.target_weights[t];
    }
    if (paths != NULL) {
        qsort(paths, npaths, sizeof(path_t), by_weight);
    }

    char *buf = NULL, line[1024];
    size_t len = 0, cap = 0;
    if (!ready) {
        snprintf(line, sizeof(line), "! out of native memory before the heap walk\n");
    } else if (target_sigs != NULL) {
        snprintf(line, sizeof(line), "# walked %u objects%s: %u objects of the class, %u chain shapes\n",
                 w.count, abort_reason(w.aborted), w.target_count, npaths);
    } else {
        snprintf(line, sizeof(line), "# walked %u objects%s: %u of %u live samples of the sites reached, "
                 "%u chain shapes\n", w.count, abort_reason(w.aborted), w.target_count, matching, npaths);
    }
    append(&buf, &len, &cap, line);
    for (uint32_t p = 0; p < npaths && (jint) p < max_paths; p++) {
        int32_t chain[MAX_CHAIN];
        int depth = 0;
        int32_t n = paths[p].node;
        while (n > 0 && depth < MAX_CHAIN) {
            chain[depth++] = n;
            n = w.nodes[n].parent;
        }
        snprintf(line, sizeof(line), "%lld\t%lld\t", (long long) paths[p].count, (long long) (paths[p].weight + 0.5));
        append(&buf, &len, &cap, line);
        node_t *top = &w.nodes[chain[depth - 1]];
        if (n > 0) {
            append(&buf, &len, &cap, "... ");
        } else if (top->parent < 0) {
            int32_t ci = -top->parent - 1;
            char *fname = NULL;
            jint base = 0;
            if (ci < nclasses) field_layout(s->jvmti, jni, classes[ci], top->index, &base, &fname);
            snprintf(line, sizeof(line), "static %s.%s", ci < nclasses && sigs[ci] ? sigs[ci] : "?", fname ? fname : "?");
            free(fname);
            append(&buf, &len, &cap, line);
        } else {
            append(&buf, &len, &cap, root_name((jvmtiHeapReferenceKind) top->kind));
        }
        for (int d = depth - 1; d >= 0; d--) {
            node_t *nd = &w.nodes[chain[d]];
            node_t *child = d > 0 ? &w.nodes[chain[d - 1]] : NULL;
            const char *sig = nd->cls >= 0 && nd->cls < nclasses && sigs[nd->cls] ? sigs[nd->cls] : "?";
            snprintf(line, sizeof(line), " -> %s", sig);
            append(&buf, &len, &cap, line);
            if (child != NULL && child->kind == JVMTI_HEAP_REFERENCE_FIELD && nd->cls >= 0 && nd->cls < nclasses) {
                char *fname = NULL;
                jint base = 0;
                field_layout(s->jvmti, jni, classes[nd->cls], child->index, &base, &fname);
                snprintf(line, sizeof(line), " .%s", fname ? fname : "?");
                free(fname);
                append(&buf, &len, &cap, line);
            } else if (child != NULL && child->kind == JVMTI_HEAP_REFERENCE_ARRAY_ELEMENT) {
                append(&buf, &len, &cap, " []");
            }
        }
        append(&buf, &len, &cap, "\n");
    }
    for (jint i = 0; sigs != NULL && i < nclasses; i++) {
        if (sigs[i]) (*env)->Deallocate(env, (unsigned char *) sigs[i]);
    }
    free(sigs);
    free(w.is_target);
    free(w.nodes);
    free(w.targets);
    free(w.target_sizes);
    free(w.target_weights);
    free(w.marks);
    free(paths);
    for (jint i = 0; i < nclasses; i++) {
        (*jni)->DeleteLocalRef(jni, classes[i]);
    }
    if (classes) (*env)->Deallocate(env, (unsigned char *) classes);
    (*env)->DisposeEnvironment(env); /* drops every tag of the walk */
    jstring out = buf == NULL ? NULL : (*jni)->NewStringUTF(jni, buf);
    free(buf);
    return out;
}

JNIEXPORT jstring JNICALL Java_dev_pprof4j_runtime_collect_heap_NativeHeap_retainers0(
        JNIEnv *jni, jclass c, jobjectArray target_sigs, jint max_objects, jint max_paths, jlong max_millis) {
    jint n = (*jni)->GetArrayLength(jni, target_sigs);
    jstring *held = calloc((size_t) n + 1, sizeof(jstring));
    const char **chars = calloc((size_t) n + 1, sizeof(char *));
    const char **sorted = calloc((size_t) n + 1, sizeof(char *));
    if (held == NULL || chars == NULL || sorted == NULL) {
        free(held);
        free(chars);
        free(sorted);
        return (*jni)->NewStringUTF(jni, "! out of native memory before the heap walk");
    }
    jint got = 0;
    for (; got < n; got++) {
        held[got] = (jstring) (*jni)->GetObjectArrayElement(jni, target_sigs, got);
        chars[got] = held[got] == NULL ? NULL : (*jni)->GetStringUTFChars(jni, held[got], NULL);
        if (chars[got] == NULL) break; /* out of memory: an exception is pending */
        sorted[got] = chars[got];
    }
    jstring out = NULL;
    if (got == n) {
        qsort(sorted, (size_t) n, sizeof(char *), by_string);
        out = walk_heap(jni, sorted, n, NULL, 0, max_objects, max_paths, max_millis);
    }
    for (jint i = 0; i < n && i <= got; i++) {
        if (chars[i] != NULL) (*jni)->ReleaseStringUTFChars(jni, held[i], chars[i]);
        if (held[i] != NULL) (*jni)->DeleteLocalRef(jni, held[i]);
    }
    free(held);
    free(chars);
    free(sorted);
    return out;
}

JNIEXPORT jstring JNICALL Java_dev_pprof4j_runtime_collect_heap_NativeHeap_siteRetainers0(
        JNIEnv *jni, jclass c, jintArray sites, jint max_objects, jint max_paths, jlong max_millis) {
    jint n = (*jni)->GetArrayLength(jni, sites);
    jint *ids = malloc(((size_t) n + 1) * sizeof(jint));
    if (ids == NULL) {
        return (*jni)->NewStringUTF(jni, "! out of native memory before the heap walk");
    }
    (*jni)->GetIntArrayRegion(jni, sites, 0, n, ids);
    jstring out = walk_heap(jni, NULL, 0, ids, n, max_objects, max_paths, max_millis);
    free(ids);
    return out;
}
