/*
 * pprof4j's native heap sampler: Go's heap profiler design on JVMTI.
 *
 * One state per loaded copy of the library (the JVM loads it once per class loader that asks).
 * Every table is append-only or swept under one mutex; nothing allocates Java objects while
 * holding it, because a Java allocation can itself be sampled and re-enter the callback.
 */
#ifndef PPROF4J_H
#define PPROF4J_H

#include <jni.h>
#include <jvmti.h>
#include <pthread.h>
#include <stdint.h>

#define PPROF4J_MAX_DEPTH 256
/* A stack deeper than max_depth keeps its max_depth leaf-most frames and, at its root, this
 * frame (method NULL): the Java side names it, so a cut stack never shows a false root. */
#define PPROF4J_TRUNCATED_LOCATION ((jlocation) -2)
#define PPROF4J_METHOD_TRUNCATED (-2)

typedef struct {
    jmethodID method;
    jlocation location;
} raw_frame_t;

/* A method resolved to names as soon as it is first seen, so that a stack stays printable
 * after its class is unloaded (its jmethodID is then invalid). */
typedef struct {
    jmethodID id;
    char *class_sig;   /* "Lpkg/Cls;" */
    char *name;
    char *file;        /* "" when the class has no SourceFile attribute */
    jint line_count;
    jvmtiLineNumberEntry *lines;
} method_t;

/* One allocation site: a stack and the class allocated there. */
typedef struct {
    uint64_t hash;
    uint32_t frame_off;   /* into frames/resolved pools */
    uint32_t nframes;
    int32_t class_id;
    int class_fixed;      /* the leaf frame is a new/newarray/anewarray: its stack implies its class */
    uint64_t raw_count;
    uint64_t raw_bytes;
    double alloc_objects; /* scaled, Go's 1/(1-e^(-size/rate)) per sample */
    double alloc_bytes;
    int64_t scale_size;   /* the last sample's size and interval, and Go's scale for them */
    jint scale_interval;
    double scale;
} site_t;

/* A sampled object still tracked: dropped when its weak reference clears. */
typedef struct {
    jweak ref;
    int32_t site;
    int64_t size;
    double scale;
    uint32_t gcs;         /* collections completed when it was allocated (sampler_t.gcs) */
} live_t;

typedef struct {
    pthread_mutex_t lock;
    jvmtiEnv *jvmti;
    volatile int active;  /* sampling events wanted */
    volatile int dead;    /* VMDeath seen: touch no JVM state any more */
    volatile jint interval;      /* the mean interval HotSpot draws new sample points with */
    volatile jint base_interval; /* the one asked for (memprofilerate); interval rises above it only for the budget */
    volatile jint max_depth;
    double budget;               /* share of the process's CPU the sampler may take; 0: never raise the interval */
    int can_tag;          /* tags on class mirrors cache class ids (GetTag is cheaper than a signature) */
    int can_read_bytecodes; /* GetBytecodes: which sites' stacks imply their class */
    int can_compiled_method_load; /* CompiledMethodLoad: non-safepoint debug info for JFR (debuginfo.c) */
    int gc_events;        /* GarbageCollectionFinish enabled: gcs counts collections */
    volatile uint32_t gcs; /* collections completed since load, counted in the GC's own callback */

    site_t *sites; uint32_t site_count, site_cap;
    int32_t *site_index; uint32_t site_index_cap; /* open addressing, -1 empty */

    raw_frame_t *frames; int32_t *frame_method; int32_t *frame_line;
    uint32_t frame_count, frame_cap;

    method_t *methods; uint32_t method_count, method_cap;
    int32_t *method_index; uint32_t method_index_cap;

    char **classes; uint64_t *class_hash; uint32_t class_count, class_cap;
    int32_t *class_index; uint32_t class_index_cap;

    live_t *live; uint32_t live_count, live_cap;
    uint32_t live_after_sweep;

    uint64_t samples_total;   /* callbacks seen */
    uint64_t samples_dropped; /* lost to out-of-memory in our own tables */
    uint64_t sample_nanos;    /* time spent in the callback (sampled, see PPROF4J_TIMED_EVERY) and sweeps, for the overhead figure and the budget */
    uint64_t samples_raised;  /* samples drawn at an interval above base_interval */
    jint interval_max;        /* the largest interval drawn with since start */

    /* The budget's window (see adapt_interval in sampler.c): where it began, in wall time, the
     * process's CPU time, samples and callback time. */
    uint64_t window_start, window_cpu, window_samples, window_sample_nanos;
} sampler_t;

extern sampler_t pprof4j_sampler;

/* tables.c */
#define PPROF4J_CLASS_UNKNOWN (-2)
int32_t pprof4j_intern_class(sampler_t *s, const char *sig);
uint64_t pprof4j_stack_hash(const raw_frame_t *frames, jint n);
int32_t pprof4j_find_site(sampler_t *s, uint64_t h, const raw_frame_t *frames, jint n, int32_t class_id);
int32_t pprof4j_intern_site(sampler_t *s, JNIEnv *jni, uint64_t h, const raw_frame_t *frames, jint n,
                            int32_t class_id);
int pprof4j_add_live(sampler_t *s, jweak ref, int32_t site, int64_t size, double scale, uint32_t gcs);
void pprof4j_sweep(sampler_t *s, JNIEnv *jni);
void pprof4j_reset(sampler_t *s, JNIEnv *jni);
/* A new int[] of v's first n values (null when v is null or Java's heap is full); frees v. */
jintArray pprof4j_int_array(JNIEnv *jni, jint *v, size_t n);

/* resolve.c */
int32_t pprof4j_method_index(sampler_t *s, JNIEnv *jni, jmethodID id);
jint pprof4j_line_of(const method_t *m, jlocation bci);

/* debuginfo.c */
void JNICALL pprof4j_on_compiled_method_load(jvmtiEnv *jvmti, jmethodID method, jint code_size,
                                             const void *code_addr, jint map_length,
                                             const jvmtiAddrLocationMap *map, const void *compile_info);

uint64_t pprof4j_hash_bytes(uint64_t h, const void *p, size_t n);

#endif
