/*
 * JVMTI side: SampledObjectAlloc at a mean interval (HotSpot draws exponential intervals,
 * as Go's runtime does), the stack captured in the allocating thread, a weak global
 * reference per sample, and VMDeath handling. JNI side: the natives of
 * dev.pprof4j.runtime.collect.heap.NativeHeap.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "pprof4j.h"

sampler_t pprof4j_sampler = { .lock = PTHREAD_MUTEX_INITIALIZER, .interval = 512 * 1024,
                               .base_interval = 512 * 1024, .max_depth = 64 };
static const char *load_error = NULL;
JavaVM *pprof4j_vm = NULL;

static uint64_t clock_nanos(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return (uint64_t) t.tv_sec * 1000000000ULL + (uint64_t) t.tv_nsec;
}

static uint64_t now_nanos(void) {
    return clock_nanos(CLOCK_MONOTONIC);
}

/* The interval HotSpot drew this thread's pending sample point with. HotSpot draws the next
 * point (ThreadHeapSampler::check_for_sampling) just before it posts the event for this one,
 * so the interval read in callback k is the one sample k+1 was drawn with; a sample is scaled
 * by the interval of its own draw, which keeps the estimate unbiased across interval changes.
 * 0 before a thread's first callback (its first point was drawn with the interval of then,
 * taken to be the current one). Per OS thread, as HotSpot's sampler is per JavaThread. */
static __thread jint drawn_interval;

/* Go's scaleHeapSample, per sample: an object of `size` bytes is sampled with probability
 * 1-e^(-size/interval), so it stands for 1/that many objects like it. A site allocates one size
 * (or a few), so each site keeps its last one: exp() per sample was 2 % of the callback. */
static double scale_of(site_t *site, jlong size, jint interval) {
    if (site->scale_size == size && site->scale_interval == interval) {
        return site->scale;
    }
    double scale = interval <= 1 || size <= 0 ? 1.0 : 1.0 / (1.0 - exp(-(double) size / (double) interval));
    site->scale_size = size;
    site->scale_interval = interval;
    site->scale = scale;
    return scale;
}

/* Which callbacks read the clock: one in PPROF4J_TIMED_EVERY, counted that many times, while the
 * interval is at the rate asked for; every one, counted once, while the budget has raised it
 * (samples are then rarer, and a window's few samples must not rest on one reading). Two reads
 * of a paravirtual clock (kvm-clock) cost about 0.07 µs, 7 % of a callback at depth 1; the total
 * stays an unbiased estimate, since which callback is timed does not depend on its cost. The
 * counter is shared unlocked (a lost increment only shifts which callback is timed). */
#define PPROF4J_TIMED_EVERY 16
static uint32_t callbacks_seen;

/* The most one callback's reading may count, sweep aside (a sweep is timed on its own, in full):
 * a callback costs 1-20 µs, and a reading above this was the thread descheduled or stopped at a
 * safepoint, which multiplied by PPROF4J_TIMED_EVERY would have raised the interval under a
 * loaded machine with nothing of the sampler's to show for it. */
#define PPROF4J_CALLBACK_CEILING_NANOS 200000ULL

/* The class's id, with the lock held: from the tag we put on its mirror the first time, else
 * by its signature (GetClassSignature allocates and copies a string; a tag lookup does not). */
static int32_t class_id_of(sampler_t *s, jvmtiEnv *jvmti, jclass klass) {
    jlong tag = 0;
    if (s->can_tag && (*jvmti)->GetTag(jvmti, klass, &tag) == JVMTI_ERROR_NONE && tag > 0) {
        return (int32_t) (tag - 1);
    }
    char *sig = NULL;
    if ((*jvmti)->GetClassSignature(jvmti, klass, &sig, NULL) != JVMTI_ERROR_NONE) {
        sig = NULL;
    }
    int32_t cls = pprof4j_intern_class(s, sig);
    if (sig != NULL) {
        (*jvmti)->Deallocate(jvmti, (unsigned char *) sig);
    }
    if (s->can_tag && cls >= 0) {
        (*jvmti)->SetTag(jvmti, klass, (jlong) cls + 1);
    }
    return cls;
}

/* The budget (agent option memprofilebudget). A sample costs HotSpot's own path, then our
 * callback. The callback is timed (one in PPROF4J_TIMED_EVERY); HotSpot's part cannot be timed
 * from here and is taken as PPROF4J_HOTSPOT_NANOS, its price measured at 512 KiB with cold
 * caches (1.6-3.1 µs on JDK 17 and 25, docs/BENCHMARKS.md "Where a sample's cost goes"). */
#define PPROF4J_WINDOW_NANOS 1000000000ULL
#define PPROF4J_HOTSPOT_NANOS 2000.0
#define PPROF4J_MAX_INTERVAL (1 << 30)

static jint jvmti_interval_of(jint interval) {
    return interval <= 1 ? 0 : interval; /* JVMTI's 0 samples every allocation: Go's MemProfileRate=1 */
}

/* With the lock held, once a window (a second or more) has passed: when the sampler's cost in
 * it exceeded budget x the process's CPU time, raise the interval so that the same allocation
 * would cost three quarters of the budget; when it fell under half the budget, lower it the
 * same way, never below the interval asked for. The samples-to-cost ratio is linear in
 * 1/interval for a steady allocation rate, so one step lands on the target. */
static void adapt_interval(sampler_t *s, jvmtiEnv *jvmti, uint64_t now) {
    if (now - s->window_start < PPROF4J_WINDOW_NANOS) {
        return;
    }
    uint64_t cpu = clock_nanos(CLOCK_PROCESS_CPUTIME_ID);
    double samples = (double) (s->samples_total - s->window_samples);
    double cost = (double) (s->sample_nanos - s->window_sample_nanos) + samples * PPROF4J_HOTSPOT_NANOS;
    double allowed = s->budget * (double) (cpu - s->window_cpu);
    s->window_start = now;
    s->window_cpu = cpu;
    s->window_samples = s->samples_total;
    s->window_sample_nanos = s->sample_nanos;
    jint current = s->interval;
    if (cost <= allowed && (current <= s->base_interval || cost >= allowed / 2)) {
        return;
    }
    double want = allowed > 0 ? (double) current * cost / (0.75 * allowed) : (double) PPROF4J_MAX_INTERVAL;
    jint next = want >= PPROF4J_MAX_INTERVAL ? PPROF4J_MAX_INTERVAL
                : (want <= s->base_interval ? s->base_interval : (jint) want);
    if (next != current && (*jvmti)->SetHeapSamplingInterval(jvmti, jvmti_interval_of(next)) == JVMTI_ERROR_NONE) {
        s->interval = next;
    }
}

/* Counts completed collections. The heap profile's in use is as of the last one, as Go's is
 * (runtime.MemProfile): a sample joins in use only once a collection has completed after its
 * allocation, since before that its object being reachable says nothing (garbage allocated
 * since the last GC is still there). Called by the GC with the world stopped or from its own
 * thread: JVMTI allows no JNI and few JVMTI calls here, so it only counts. */
static void JNICALL on_gc_finish(jvmtiEnv *jvmti) {
    __atomic_add_fetch(&pprof4j_sampler.gcs, 1, __ATOMIC_RELEASE);
}

static void JNICALL on_sampled_alloc(jvmtiEnv *jvmti, JNIEnv *jni, jthread thread, jobject object,
                                     jclass klass, jlong size) {
    sampler_t *s = &pprof4j_sampler;
    /* Read first: a collection that completes while the callback runs then counts as after
     * the allocation only if it really was (at worst the sample joins in use one GC late). */
    uint32_t gcs = __atomic_load_n(&s->gcs, __ATOMIC_ACQUIRE);
    jint interval_now = s->interval;
    jint interval = drawn_interval > 0 ? drawn_interval : interval_now;
    drawn_interval = interval_now;
    if (!s->active || s->dead) {
        return;
    }
    uint32_t tick = __atomic_load_n(&callbacks_seen, __ATOMIC_RELAXED);
    __atomic_store_n(&callbacks_seen, tick + 1, __ATOMIC_RELAXED);
    int raised = interval_now > s->base_interval;
    uint64_t weight = raised ? 1 : PPROF4J_TIMED_EVERY;
    int timed = raised || tick % PPROF4J_TIMED_EVERY == 0;
    uint64_t t0 = timed ? now_nanos() : 0, sweep_nanos = 0;
    jvmtiFrameInfo frames[PPROF4J_MAX_DEPTH + 1];
    jint depth = s->max_depth, count = 0;
    if (depth > PPROF4J_MAX_DEPTH) {
        depth = PPROF4J_MAX_DEPTH;
    }
    /* One frame more than kept tells a stack that was cut from one that fits exactly. */
    if ((*jvmti)->GetStackTrace(jvmti, thread, 0, depth + 1, frames, &count) != JVMTI_ERROR_NONE) {
        count = 0;
    }
    if (count > depth) {
        frames[depth].method = NULL;
        frames[depth].location = PPROF4J_TRUNCATED_LOCATION;
    }
    jweak ref = (*jni)->NewWeakGlobalRef(jni, object);

    pthread_mutex_lock(&s->lock);
    int kept = 0;
    if (!s->dead && ref != NULL) {
        s->samples_total++;
        /* jvmtiFrameInfo and raw_frame_t have the same layout: (jmethodID, jlocation). Most
         * sites are known by their stack alone (see pprof4j_find_site); the class is looked
         * up only for the others. */
        const raw_frame_t *stack = (const raw_frame_t *) frames;
        uint64_t hash = pprof4j_stack_hash(stack, count);
        int32_t site = pprof4j_find_site(s, hash, stack, count, PPROF4J_CLASS_UNKNOWN);
        if (site < 0) {
            int32_t cls = class_id_of(s, jvmti, klass);
            site = cls < 0 ? -1 : pprof4j_intern_site(s, jni, hash, stack, count, cls);
        }
        double scale = site >= 0 ? scale_of(&s->sites[site], size, interval) : 1.0;
        if (site >= 0 && pprof4j_add_live(s, ref, site, size, scale, gcs)) {
            site_t *st = &s->sites[site];
            st->raw_count++;
            st->raw_bytes += (uint64_t) size;
            st->alloc_objects += scale;
            st->alloc_bytes += scale * (double) size;
            kept = 1;
            if (interval > s->base_interval) {
                s->samples_raised++;
            }
            if (interval > s->interval_max) {
                s->interval_max = interval;
            }
            if (s->live_count >= 4096 && s->live_count >= 2 * s->live_after_sweep) {
                uint64_t sweep_start = now_nanos();
                pprof4j_sweep(s, jni);
                sweep_nanos = now_nanos() - sweep_start;
                s->sample_nanos += sweep_nanos;
            }
        } else {
            s->samples_dropped++;
        }
    }
    uint64_t now = timed ? now_nanos() : 0;
    if (timed) {
        uint64_t spent = now - t0 - sweep_nanos;
        s->sample_nanos += (spent < PPROF4J_CALLBACK_CEILING_NANOS ? spent : PPROF4J_CALLBACK_CEILING_NANOS) * weight;
    }
    /* Checked on timed callbacks, which are all of them while the interval is raised (a window
     * must close soon after the allocation rate drops). */
    if (s->budget > 0 && !s->dead && timed) {
        adapt_interval(s, jvmti, now);
    }
    pthread_mutex_unlock(&s->lock);
    if (!kept && ref != NULL) {
        (*jni)->DeleteWeakGlobalRef(jni, ref);
    }
}

/* After VMDeath no JVMTI or JNI call may touch the dying VM; tables are left allocated
 * (a dump racing with exit may still be reading them) and natives answer empty. */
static void JNICALL on_vm_death(jvmtiEnv *jvmti, JNIEnv *jni) {
    sampler_t *s = &pprof4j_sampler;
    pthread_mutex_lock(&s->lock);
    s->dead = 1;
    s->active = 0;
    pthread_mutex_unlock(&s->lock);
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    sampler_t *s = &pprof4j_sampler;
    pprof4j_vm = vm;
    jvmtiEnv *jvmti = NULL;
    if ((*vm)->GetEnv(vm, (void **) &jvmti, JVMTI_VERSION_11) != JNI_OK || jvmti == NULL) {
        load_error = "this JVM offers no JVMTI 11 environment (JVMTI_VERSION_11)";
        return JNI_VERSION_1_8;
    }
    jvmtiCapabilities want, have;
    memset(&want, 0, sizeof(want));
    want.can_generate_sampled_object_alloc_events = 1;
    if ((*jvmti)->AddCapabilities(jvmti, &want) != JVMTI_ERROR_NONE) {
        load_error = "JVMTI refused can_generate_sampled_object_alloc_events (not HotSpot 11+?)";
        return JNI_VERSION_1_8;
    }
    /* Nice to have: names and lines of frames, and tags (the class id on each allocated class's mirror). */
    jvmtiCapabilities optional;
    memset(&optional, 0, sizeof(optional));
    (*jvmti)->GetPotentialCapabilities(jvmti, &have);
    optional.can_get_line_numbers = have.can_get_line_numbers;
    optional.can_get_source_file_name = have.can_get_source_file_name;
    optional.can_tag_objects = have.can_tag_objects;
    optional.can_get_bytecodes = have.can_get_bytecodes;
    /* Enabled as the agent starts, for every CPU engine (debuginfo.c); holding it costs nothing. */
    optional.can_generate_compiled_method_load_events = have.can_generate_compiled_method_load_events;
    optional.can_generate_garbage_collection_events = have.can_generate_garbage_collection_events;
    (*jvmti)->AddCapabilities(jvmti, &optional);
    jvmtiCapabilities got;
    memset(&got, 0, sizeof(got));
    if ((*jvmti)->GetCapabilities(jvmti, &got) == JVMTI_ERROR_NONE) {
        s->can_tag = got.can_tag_objects;
        s->can_read_bytecodes = got.can_get_bytecodes;
        s->can_compiled_method_load = got.can_generate_compiled_method_load_events;
        s->gc_events = got.can_generate_garbage_collection_events;
    }

    jvmtiEventCallbacks cb;
    memset(&cb, 0, sizeof(cb));
    cb.SampledObjectAlloc = on_sampled_alloc;
    cb.VMDeath = on_vm_death;
    cb.CompiledMethodLoad = pprof4j_on_compiled_method_load;
    cb.GarbageCollectionFinish = on_gc_finish;
    if ((*jvmti)->SetEventCallbacks(jvmti, &cb, sizeof(cb)) != JVMTI_ERROR_NONE) {
        load_error = "JVMTI SetEventCallbacks failed";
        return JNI_VERSION_1_8;
    }
    (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_VM_DEATH, NULL);
    /* One callback per collection, an atomic increment: on from load, so the count is right
     * whenever sampling starts. */
    if (s->gc_events && (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE,
            JVMTI_EVENT_GARBAGE_COLLECTION_FINISH, NULL) != JVMTI_ERROR_NONE) {
        s->gc_events = 0;
    }
    s->jvmti = jvmti;
    return JNI_VERSION_1_8;
}

#define NATIVE(ret, name) JNIEXPORT ret JNICALL Java_dev_pprof4j_runtime_collect_heap_NativeHeap_##name

NATIVE(jstring, loadError0)(JNIEnv *jni, jclass c) {
    return load_error == NULL ? NULL : (*jni)->NewStringUTF(jni, load_error);
}

NATIVE(jboolean, start0)(JNIEnv *jni, jclass c, jint interval, jint max_depth, jdouble budget) {
    sampler_t *s = &pprof4j_sampler;
    if (s->jvmti == NULL || s->dead) {
        return JNI_FALSE;
    }
    s->max_depth = max_depth < 1 ? 1 : (max_depth > PPROF4J_MAX_DEPTH ? PPROF4J_MAX_DEPTH : max_depth);
    interval = interval <= 1 ? 1 : interval;
    pthread_mutex_lock(&s->lock);
    jvmtiError err = (*s->jvmti)->SetHeapSamplingInterval(s->jvmti, jvmti_interval_of(interval));
    if (err == JVMTI_ERROR_NONE) {
        s->interval = interval;
        s->base_interval = interval;
        s->budget = budget > 0 && budget < 1 ? budget : 0;
        s->window_start = now_nanos();
        s->window_cpu = clock_nanos(CLOCK_PROCESS_CPUTIME_ID);
        s->window_samples = s->samples_total;
        s->window_sample_nanos = s->sample_nanos;
    }
    pthread_mutex_unlock(&s->lock);
    if (err != JVMTI_ERROR_NONE) {
        return JNI_FALSE;
    }
    s->active = 1;
    return (*s->jvmti)->SetEventNotificationMode(s->jvmti, JVMTI_ENABLE,
                                                 JVMTI_EVENT_SAMPLED_OBJECT_ALLOC, NULL) == JVMTI_ERROR_NONE;
}

NATIVE(void, stop0)(JNIEnv *jni, jclass c) {
    sampler_t *s = &pprof4j_sampler;
    s->active = 0;
    if (s->jvmti != NULL && !s->dead) {
        (*s->jvmti)->SetEventNotificationMode(s->jvmti, JVMTI_DISABLE, JVMTI_EVENT_SAMPLED_OBJECT_ALLOC, NULL);
    }
}

NATIVE(void, reset0)(JNIEnv *jni, jclass c) {
    sampler_t *s = &pprof4j_sampler;
    pthread_mutex_lock(&s->lock);
    if (!s->dead) {
        pprof4j_reset(s, jni);
    }
    pthread_mutex_unlock(&s->lock);
}

/* Per site, 8 values: raw sample count and bytes, scaled alloc objects and bytes,
 * raw in-use count and bytes, scaled in-use objects and bytes. Sweeps collected samples first.
 * In use is as of the last completed collection (on_gc_finish): a live sample allocated after
 * it is left out. Before the first collection, and where the JVM reports none, every live
 * sample counts. After the sites, one value more: the collections the rule was applied with,
 * or -1 when this JVM reports none to JVMTI (HeapSnapshot.collections). */
NATIVE(jdoubleArray, snapshot0)(JNIEnv *jni, jclass c) {
    sampler_t *s = &pprof4j_sampler;
    pthread_mutex_lock(&s->lock);
    if (s->dead) {
        pthread_mutex_unlock(&s->lock);
        return NULL;
    }
    /* Read before the sweep: a collection completing after it then only leaves samples out
     * that it may have found live (one GC late), never counts garbage it left unswept. */
    uint32_t gcs = __atomic_load_n(&s->gcs, __ATOMIC_ACQUIRE);
    pprof4j_sweep(s, jni);
    uint32_t n = s->site_count;
    double *v = calloc((size_t) n * 8 + 1, sizeof(double));
    if (v == NULL) {
        pthread_mutex_unlock(&s->lock);
        return NULL;
    }
    for (uint32_t i = 0; i < n; i++) {
        v[i * 8] = (double) s->sites[i].raw_count;
        v[i * 8 + 1] = (double) s->sites[i].raw_bytes;
        v[i * 8 + 2] = s->sites[i].alloc_objects;
        v[i * 8 + 3] = s->sites[i].alloc_bytes;
    }
    int as_of_gc = s->gc_events && gcs > 0;
    v[(size_t) n * 8] = s->gc_events ? (double) gcs : -1;
    for (uint32_t i = 0; i < s->live_count; i++) {
        const live_t *l = &s->live[i];
        if (as_of_gc && l->gcs >= gcs) {
            continue;
        }
        double *w = v + (size_t) l->site * 8;
        w[4] += 1;
        w[5] += (double) l->size;
        w[6] += l->scale;
        w[7] += l->scale * (double) l->size;
    }
    pthread_mutex_unlock(&s->lock);
    /* Java allocation only after unlocking: it may be sampled and re-enter the callback. */
    jdoubleArray out = (*jni)->NewDoubleArray(jni, (jsize) (n * 8 + 1));
    if (out != NULL) {
        (*jni)->SetDoubleArrayRegion(jni, out, 0, (jsize) (n * 8 + 1), v);
    }
    free(v);
    return out;
}

/* Sites [from, to): class id, frame count, then (method id, line) per frame, leaf first. */
NATIVE(jintArray, sites0)(JNIEnv *jni, jclass c, jint from, jint to) {
    sampler_t *s = &pprof4j_sampler;
    pthread_mutex_lock(&s->lock);
    if (to > (jint) s->site_count) {
        to = (jint) s->site_count;
    }
    size_t len = 0;
    for (jint i = from; i < to; i++) {
        len += 2 + 2 * (size_t) s->sites[i].nframes;
    }
    jint *v = malloc((len + 1) * sizeof(jint));
    size_t k = 0;
    if (v != NULL) {
        for (jint i = from; i < to; i++) {
            const site_t *st = &s->sites[i];
            v[k++] = st->class_id;
            v[k++] = (jint) st->nframes;
            for (uint32_t f = 0; f < st->nframes; f++) {
                v[k++] = s->frame_method[st->frame_off + f];
                v[k++] = s->frame_line[st->frame_off + f];
            }
        }
    }
    pthread_mutex_unlock(&s->lock);
    return pprof4j_int_array(jni, v, k);
}

/* Strings of methods [from, count): class signature, name, source file, three per method.
 * Tables only grow and entries never change, so reading the pointers unlocked after
 * copying the count is safe — but realloc may move the array, so copy it under the lock. */
NATIVE(jobjectArray, methods0)(JNIEnv *jni, jclass c, jint from) {
    sampler_t *s = &pprof4j_sampler;
    pthread_mutex_lock(&s->lock);
    jint n = (jint) s->method_count - from;
    if (n < 0) {
        n = 0;
    }
    char **names = malloc(((size_t) n * 3 + 1) * sizeof(char *));
    if (names != NULL) {
        for (jint i = 0; i < n; i++) {
            method_t *m = &s->methods[from + i];
            names[i * 3] = m->class_sig;
            names[i * 3 + 1] = m->name;
            names[i * 3 + 2] = m->file;
        }
    }
    pthread_mutex_unlock(&s->lock);
    if (names == NULL) {
        return NULL;
    }
    jclass str = (*jni)->FindClass(jni, "java/lang/String");
    jobjectArray out = str == NULL ? NULL : (*jni)->NewObjectArray(jni, n * 3, str, NULL);
    for (jint i = 0; out != NULL && i < n * 3; i++) {
        jstring js = (*jni)->NewStringUTF(jni, names[i]);
        if (js == NULL) {
            out = NULL;
            break;
        }
        (*jni)->SetObjectArrayElement(jni, out, i, js);
        (*jni)->DeleteLocalRef(jni, js);
    }
    free(names);
    return out;
}

NATIVE(jobjectArray, classes0)(JNIEnv *jni, jclass c, jint from) {
    sampler_t *s = &pprof4j_sampler;
    pthread_mutex_lock(&s->lock);
    jint n = (jint) s->class_count - from;
    if (n < 0) {
        n = 0;
    }
    char **names = malloc(((size_t) n + 1) * sizeof(char *));
    for (jint i = 0; names != NULL && i < n; i++) {
        names[i] = s->classes[from + i];
    }
    pthread_mutex_unlock(&s->lock);
    if (names == NULL) {
        return NULL;
    }
    jclass str = (*jni)->FindClass(jni, "java/lang/String");
    jobjectArray out = str == NULL ? NULL : (*jni)->NewObjectArray(jni, n, str, NULL);
    for (jint i = 0; out != NULL && i < n; i++) {
        jstring js = (*jni)->NewStringUTF(jni, names[i]);
        if (js == NULL) {
            out = NULL;
            break;
        }
        (*jni)->SetObjectArrayElement(jni, out, i, js);
        (*jni)->DeleteLocalRef(jni, js);
    }
    free(names);
    return out;
}

/* samples seen, samples dropped, nanoseconds in the callback, live samples, sites, the current
 * interval, the interval asked for, samples drawn above it, the largest interval drawn with. */
NATIVE(jlongArray, stats0)(JNIEnv *jni, jclass c) {
    sampler_t *s = &pprof4j_sampler;
    jlong v[9];
    pthread_mutex_lock(&s->lock);
    v[0] = (jlong) s->samples_total;
    v[1] = (jlong) s->samples_dropped;
    v[2] = (jlong) s->sample_nanos;
    v[3] = (jlong) s->live_count;
    v[4] = (jlong) s->site_count;
    v[5] = (jlong) s->interval;
    v[6] = (jlong) s->base_interval;
    v[7] = (jlong) s->samples_raised;
    v[8] = (jlong) (s->interval_max > s->base_interval ? s->interval_max : s->base_interval);
    pthread_mutex_unlock(&s->lock);
    jlongArray out = (*jni)->NewLongArray(jni, 9);
    if (out != NULL) {
        (*jni)->SetLongArrayRegion(jni, out, 0, 9, v);
    }
    return out;
}
