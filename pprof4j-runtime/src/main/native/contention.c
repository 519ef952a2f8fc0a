/*
 * Go's block and mutex profiles on JVMTI: every contended monitor enter, Object.wait and
 * Unsafe.park is timed in the waiting thread, and only the sampled ones pay for a stack.
 *
 * - block (Go's SetBlockProfileRate): a wait of d ns is kept with probability min(1, d/rate);
 *   a kept wait shorter than rate counts rate/d contentions and rate ns of delay, so totals
 *   stay unbiased at every wait length (Go's saveblockevent).
 * - mutex (Go's SetMutexProfileFraction): one contention in `fraction`, drawn before the wait,
 *   counts `fraction` contentions and fraction x d of delay. Its waiting stack is kept, and
 *   so is the stack of the thread that held the lock when the wait began (Go credits the
 *   unlocker): a monitor's owner from GetObjectMonitorUsage, a ReentrantLock's (or a
 *   ReentrantReadWriteLock's writer's) from its exclusiveOwnerThread, read only for sampled
 *   contentions (and, with a limit, for at most about that many a second: see take_holder).
 *
 * Monitors come from JVMTI's MonitorContendedEnter/Entered and MonitorWait/Waited events, in
 * two JVMTI environments of our own (a thread's start time lives in each environment's
 * thread-local storage, so a wait that re-enters its monitor does not overwrite it; on a
 * virtual thread it is the virtual thread's storage, so a remount on another carrier keeps it).
 * java.util.concurrent parks have no JVMTI event: Unsafe.park is a JNI native that HotSpot
 * binds to Unsafe_Park (unsafe.cpp), so we re-bind it to traced_park, which calls the original
 * found in libjvm's symbol table.
 *
 * A virtual thread that parks unmounts instead of calling Unsafe.park. On JDK 21+ its parks are
 * timed from HotSpot's VirtualThreadUnmount extension event to its VirtualThreadMount, in a third
 * environment (its thread-local storage is the virtual thread's, so a remount on another carrier
 * finds the start). Only unmounts inside LockSupport.park(blocker) count, the thread's parkBlocker
 * set: j.u.c. locks, conditions, queues and hand-offs (AQS and the rest always name a blocker);
 * Thread.sleep and socket waits, which park a virtual thread without one, stay out, as they do on
 * platform threads, which do not call Unsafe.park for them. At the mount the virtual thread's stack
 * still stands in LockSupport.park, so a sampled wait's stack is taken there (the frames above
 * LockSupport are the virtual thread's own machinery and are cut). The price is paid per
 * unmount and mount (one JNI field read at the unmount, one storage read at the mount), whatever
 * the thread waits for, and only while the events are on; a virtual thread that never unmounts
 * pays nothing. Measured on JDK 25 (docs/BENCHMARKS.md, "block and mutex"): an unmount and mount
 * that is no park (Thread.yield) 260 -> 470 ns of CPU, async-profiler's lock engine alone 410; a
 * park that unmounts about 1.2 us more (1.55 -> 2.75 us per hand-off, widely spread). The storage
 * is read and written as the current thread's (NULL): GetThreadLocalStorage then reads it without
 * entering the VM, where naming the thread makes it enter the VM and resolve the thread.
 */
#define _GNU_SOURCE /* dladdr */
#include <elf.h>
#include <fcntl.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "pprof4j.h"

extern JavaVM *pprof4j_vm;

#define KIND_BLOCK 0
#define KIND_MUTEX 1  /* the waiter's stack */
#define KIND_HOLDER 2 /* the holder's stack */
/* No stack: a monitor's owner JVMTI did not name on a JVM with virtual threads. HotSpot's
 * GetObjectMonitorUsage reports no owner for a monitor a virtual thread holds (JDK 25:
 * jvmtiEnvBase.cpp drops a virtual owner; unmounted, it is no JavaThread's at all), and a
 * monitor already released reads the same, so these waits are charged to this kind. */
#define KIND_HOLDER_UNNAMED 3
#define MAX_SITES 20000
#define TIME_BITS 48
#define TIME_MASK ((1ULL << TIME_BITS) - 1)
/* Low 16 bits of a thread's storage: 0 not sampled for mutex; sampled: HOLDER_NOT_FOUND, HOLDER_NOT_TAKEN,
 * HOLDER_UNNAMED, else the holder's site + FIRST_HOLDER. */
#define HOLDER_NOT_FOUND 1
#define HOLDER_NOT_TAKEN 2
#define HOLDER_UNNAMED 3
#define FIRST_HOLDER 4
#define MAX_HOLDER_SITE (0xffff - FIRST_HOLDER)
/* Finding a monitor's owner is a safepoint on JDK 17 (GetObjectMonitorUsage is a VM operation)
 * and any holder's stack a handshake with it, so with a limit of holders' stacks a second (the
 * agent's default fraction), at high contention only one mutex sample in holder_every takes it,
 * and stands for them all. */
#define WINDOW_NANOS 1000000000ULL

typedef void (JNICALL *park_fn)(JNIEnv *, jobject, jboolean, jlong);

typedef struct {
    uint64_t hash;
    uint32_t frame_off; /* into frames: (method index, line) pairs */
    uint32_t nframes;
    int32_t kind;
    double count;
    double delay;
} csite_t;

static struct {
    jvmtiEnv *enter_env; /* MonitorContendedEnter/Entered */
    jvmtiEnv *wait_env;  /* MonitorWait/Waited */
    jvmtiEnv *vthread_env; /* VirtualThreadUnmount/Mount: virtual threads' parks */
    jint mount_event, unmount_event; /* their extension event indices */
    volatile int active;
    volatile jlong rate;
    volatile jint fraction;
    volatile jint max_depth;
    int monitor_holders; /* GetObjectMonitorUsage is available */
    csite_t *sites; uint32_t site_count, site_cap;
    int32_t *index; uint32_t index_cap;
    int32_t *frames; uint32_t frame_count, frame_cap;
    uint64_t events[4];  /* monitor enters, waits, parks, virtual threads' parks */
    uint64_t sampled;    /* events whose stack was taken */
    uint64_t holders;    /* holder stacks taken */
    uint64_t holder_nanos;
    uint64_t dropped;
    volatile jint holders_per_second; /* 0: every mutex sample takes its holder's stack */
    volatile uint32_t holder_every;     /* 1 in this many mutex samples takes its holder's stack */
    volatile uint64_t window_start;     /* the second in which mutex samples are being counted */
    uint32_t window_samples;
    park_fn original_park;
    jclass reentrant_sync, rw_sync, lock_support;
    jfieldID park_blocker, exclusive_owner;
    const char *park_error;
    const char *vthread_error;
} C;

static uint64_t now_nanos(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000ULL + (uint64_t) t.tv_nsec;
}

/* Per carrier thread; which carrier draws a number does not bias anything. splitmix64: every
 * bit of every output is well mixed (xorshift's low bits, taken modulo a small fraction while
 * other draws interleave, are not, and biased the mutex profile). */
static __thread uint64_t rng;

static uint64_t next_random(void) {
    if (rng == 0) {
        rng = now_nanos() ^ ((uint64_t) (uintptr_t) &rng << 16);
    }
    uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Go's blocksampled: kept with probability min(1, d/rate). A uniform double in [0, 1) rather
 * than a modulo: a 64-bit division was a third of an unsampled park's price. */
static int block_sampled(uint64_t d, jlong rate) {
    return rate > 0 && (d >= (uint64_t) rate
                        || (double) (next_random() >> 11) * 0x1.0p-53 * (double) rate < (double) d);
}

/* One in `fraction`: the high 32 bits of a draw scaled to [0, fraction) (multiply and shift). */
static int mutex_sampled(void) {
    jint f = C.fraction;
    return C.active && f > 0 && (f == 1 || (((next_random() >> 32) * (uint64_t) f) >> 32) == 0);
}

/* Counters read only for the statistics: a relaxed load and store, not a locked add (a lost
 * increment between two threads costs nothing; a locked add on a shared line costs every park). */
static void count(uint64_t *counter) {
    __atomic_store_n(counter, __atomic_load_n(counter, __ATOMIC_RELAXED) + 1, __ATOMIC_RELAXED);
}

/* For a mutex sample: whether to take its holder's stack, keeping to holders_per_second. */
static int take_holder(void) {
    jint limit = C.holders_per_second;
    if (limit <= 0) {
        return 1;
    }
    uint64_t now = now_nanos();
    uint32_t seen = __atomic_add_fetch(&C.window_samples, 1, __ATOMIC_RELAXED);
    uint64_t start = C.window_start;
    if (now - start >= WINDOW_NANOS
        && __atomic_compare_exchange_n(&C.window_start, &start, now, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
        uint32_t every = (seen + (uint32_t) limit - 1) / (uint32_t) limit;
        C.holder_every = every < 1 ? 1 : every;
        __atomic_store_n(&C.window_samples, 0, __ATOMIC_RELAXED);
    }
    uint32_t every = C.holder_every;
    /* Contention that rose within the second would take a holder for every sample until the window
     * ends (the first second of a busy program took hundreds, each a safepoint on JDK 17): once this
     * window's samples pass limit x every, the draw is halved at once, so that a window takes about
     * limit plus limit/2 per doubling of the contention. */
    if (seen > (uint32_t) limit * every && every < (1U << 24)) {
        every *= 2;
        C.holder_every = every;
    }
    return every <= 1 || (((next_random() >> 32) * (uint64_t) every) >> 32) == 0;
}

static uint64_t site_hash(int32_t kind, const int32_t *pairs, jint n) {
    return pprof4j_hash_bytes(0xcbf29ce484222325ULL ^ (uint64_t) kind, pairs, (size_t) n * 2 * sizeof(int32_t));
}

static int grow_index(void) {
    uint32_t cap = C.index_cap ? C.index_cap * 2 : 1024;
    int32_t *n = malloc((size_t) cap * sizeof(int32_t));
    if (n == NULL) {
        return 0;
    }
    memset(n, 0xff, (size_t) cap * sizeof(int32_t));
    for (uint32_t i = 0; i < C.site_count; i++) {
        uint32_t slot = (uint32_t) C.sites[i].hash & (cap - 1);
        while (n[slot] >= 0) {
            slot = (slot + 1) & (cap - 1);
        }
        n[slot] = (int32_t) i;
    }
    free(C.index);
    C.index = n;
    C.index_cap = cap;
    return 1;
}

/* With pprof4j_sampler.lock held: the site of this kind and stack, made the first time; -1 when full. */
static int32_t intern_site(JNIEnv *jni, int32_t kind, const jvmtiFrameInfo *frames, jint n) {
    sampler_t *s = &pprof4j_sampler;
    int32_t pairs[2 * PPROF4J_MAX_DEPTH];
    for (jint i = 0; i < n; i++) {
        int32_t m = pprof4j_method_index(s, jni, frames[i].method);
        pairs[2 * i] = m;
        pairs[2 * i + 1] = m >= 0 ? pprof4j_line_of(&s->methods[m], frames[i].location) : 0;
    }
    uint64_t h = site_hash(kind, pairs, n);
    if (C.index_cap > 0) {
        for (uint32_t slot = (uint32_t) h & (C.index_cap - 1); C.index[slot] >= 0;
             slot = (slot + 1) & (C.index_cap - 1)) {
            csite_t *st = &C.sites[C.index[slot]];
            if (st->hash == h && st->kind == kind && st->nframes == (uint32_t) n
                && memcmp(&C.frames[st->frame_off], pairs, (size_t) n * 2 * sizeof(int32_t)) == 0) {
                return C.index[slot];
            }
        }
    }
    if (C.site_count >= MAX_SITES) {
        return -1;
    }
    if ((C.site_count + 1) * 2 > C.index_cap && !grow_index()) {
        return -1;
    }
    if (C.site_count == C.site_cap) {
        uint32_t cap = C.site_cap ? C.site_cap * 2 : 256;
        csite_t *g = realloc(C.sites, (size_t) cap * sizeof(csite_t));
        if (g == NULL) {
            return -1;
        }
        C.sites = g;
        C.site_cap = cap;
    }
    if (C.frame_count + 2 * (uint32_t) n > C.frame_cap) {
        uint32_t cap = C.frame_cap ? C.frame_cap * 2 : 8192;
        while (cap < C.frame_count + 2 * (uint32_t) n) {
            cap *= 2;
        }
        int32_t *g = realloc(C.frames, (size_t) cap * sizeof(int32_t));
        if (g == NULL) {
            return -1;
        }
        C.frames = g;
        C.frame_cap = cap;
    }
    memcpy(&C.frames[C.frame_count], pairs, (size_t) n * 2 * sizeof(int32_t));
    csite_t *st = &C.sites[C.site_count];
    st->hash = h;
    st->frame_off = C.frame_count;
    st->nframes = (uint32_t) n;
    st->kind = kind;
    st->count = 0;
    st->delay = 0;
    C.frame_count += 2 * (uint32_t) n;
    uint32_t slot = (uint32_t) h & (C.index_cap - 1);
    while (C.index[slot] >= 0) {
        slot = (slot + 1) & (C.index_cap - 1);
    }
    C.index[slot] = (int32_t) C.site_count;
    return (int32_t) C.site_count++;
}

static jint stack_of(jvmtiEnv *jvmti, jthread thread, jvmtiFrameInfo *frames) {
    jint depth = C.max_depth, n = 0;
    if ((*jvmti)->GetStackTrace(jvmti, thread, 0, depth, frames, &n) != JVMTI_ERROR_NONE) {
        return 0;
    }
    return n;
}

/* The holder's stack as a site of KIND_HOLDER, or -1; timed for the profile's comment. */
static int32_t holder_site(jvmtiEnv *jvmti, JNIEnv *jni, jthread owner, uint64_t started) {
    jvmtiFrameInfo frames[PPROF4J_MAX_DEPTH];
    jint n = owner == NULL ? 0 : stack_of(jvmti, owner, frames);
    int32_t site = -1;
    sampler_t *s = &pprof4j_sampler;
    pthread_mutex_lock(&s->lock);
    if (n > 0 && !s->dead) {
        site = intern_site(jni, KIND_HOLDER, frames, n);
    }
    C.holders++;
    C.holder_nanos += now_nanos() - started;
    pthread_mutex_unlock(&s->lock);
    return site;
}

/* How many frames stand above the first of LockSupport's in a virtual thread's parked stack (0
 * when none of the top few is LockSupport's). */
static jint lock_support_frame(jvmtiEnv *jvmti, JNIEnv *jni, const jvmtiFrameInfo *frames, jint n) {
    for (jint i = 0; i < n && i < 12; i++) {
        jclass owner = NULL;
        if ((*jvmti)->GetMethodDeclaringClass(jvmti, frames[i].method, &owner) == JVMTI_ERROR_NONE && owner != NULL) {
            int found = (*jni)->IsSameObject(jni, owner, C.lock_support);
            (*jni)->DeleteLocalRef(jni, owner);
            if (found) {
                return i;
            }
        }
    }
    return 0;
}

/*
 * A wait of d ns just ended on the current thread. `mutex` is 0 when this contention was not
 * drawn for the mutex profile, else HOLDER_NOT_FOUND, HOLDER_NOT_TAKEN or the holder's site +
 * FIRST_HOLDER. A holder taken for one sample in holder_every stands for that many (the
 * holder_every of now: it changes at most once a second, so a wait across a change is
 * scaled by the new one).
 */
static void waited(jvmtiEnv *jvmti, JNIEnv *jni, jthread thread, uint64_t d, int block, uint32_t mutex,
                   int from_lock_support) {
    if (d == 0) {
        d = 1;
    }
    jlong rate = C.rate;
    int keep_block = block && block_sampled(d, rate);
    if (!keep_block && mutex == 0) {
        return;
    }
    jvmtiFrameInfo buffer[PPROF4J_MAX_DEPTH];
    jvmtiFrameInfo *frames = buffer;
    jint n = stack_of(jvmti, thread, frames);
    if (from_lock_support) {
        jint cut = lock_support_frame(jvmti, jni, frames, n);
        frames += cut;
        n -= cut;
    }
    sampler_t *s = &pprof4j_sampler;
    pthread_mutex_lock(&s->lock);
    if (!s->dead) {
        C.sampled++;
        if (keep_block) {
            int32_t site = intern_site(jni, KIND_BLOCK, frames, n);
            if (site < 0) {
                C.dropped++;
            } else if (d < (uint64_t) rate) {
                C.sites[site].count += (double) rate / (double) d;
                C.sites[site].delay += (double) rate;
            } else {
                C.sites[site].count += 1;
                C.sites[site].delay += (double) d;
            }
        }
        if (mutex != 0) {
            double f = (double) C.fraction;
            int32_t site = intern_site(jni, KIND_MUTEX, frames, n);
            if (site < 0) {
                C.dropped++;
            } else {
                C.sites[site].count += f;
                C.sites[site].delay += f * (double) d;
            }
            /* A lock released before its owner was read has no holder's stack: an empty one stands
             * for it, so that the holder view's total is the waiter view's. */
            double every = (double) (C.holder_every < 1 ? 1 : C.holder_every);
            int32_t holder = mutex >= FIRST_HOLDER ? (int32_t) (mutex - FIRST_HOLDER)
                    : mutex == HOLDER_NOT_FOUND ? intern_site(jni, KIND_HOLDER, frames, 0)
                    : mutex == HOLDER_UNNAMED ? intern_site(jni, KIND_HOLDER_UNNAMED, frames, 0) : -1;
            if (holder >= 0 && (uint32_t) holder < C.site_count) {
                C.sites[holder].count += f * every;
                C.sites[holder].delay += f * every * (double) d;
            }
        }
    }
    pthread_mutex_unlock(&s->lock);
}

static uint64_t stamp(uint64_t t, uint32_t mutex) {
    return ((t & TIME_MASK) << 16) | (mutex & 0xffff);
}

static uint64_t elapsed_since(uint64_t stored, uint64_t now) {
    return ((now & TIME_MASK) - (stored >> 16)) & TIME_MASK;
}

static void JNICALL on_contended_enter(jvmtiEnv *jvmti, JNIEnv *jni, jthread thread, jobject object) {
    if (!C.active) {
        return;
    }
    count(&C.events[0]);
    /* The wait starts now: while we look for the holder the lock is still held, and the
     * application would be waiting for it all the same. */
    uint64_t started = now_nanos();
    uint32_t mutex = 0;
    if (mutex_sampled()) {
        mutex = take_holder() ? HOLDER_NOT_FOUND : HOLDER_NOT_TAKEN;
        jvmtiMonitorUsage usage;
        if (mutex == HOLDER_NOT_FOUND && C.monitor_holders
            && (*jvmti)->GetObjectMonitorUsage(jvmti, object, &usage) == JVMTI_ERROR_NONE) {
            int32_t site = holder_site(jvmti, jni, usage.owner, started);
            if (site >= 0 && site <= MAX_HOLDER_SITE) {
                mutex = (uint32_t) site + FIRST_HOLDER;
            } else if (usage.owner == NULL && C.vthread_env != NULL) {
                mutex = HOLDER_UNNAMED;
            }
            (*jvmti)->Deallocate(jvmti, (unsigned char *) usage.waiters);
            (*jvmti)->Deallocate(jvmti, (unsigned char *) usage.notify_waiters);
        }
    }
    (*jvmti)->SetThreadLocalStorage(jvmti, NULL, (const void *) (uintptr_t) stamp(started, mutex));
}

/* Runs while the waiter owns the monitor (HotSpot posts it after the enter), so every queued thread
 * waits for it too: the storage is read and cleared as the current thread's (NULL), which reads it
 * without entering the VM (see the comment at the top). */
static void JNICALL on_contended_entered(jvmtiEnv *jvmti, JNIEnv *jni, jthread thread, jobject object) {
    void *stored = NULL;
    if ((*jvmti)->GetThreadLocalStorage(jvmti, NULL, &stored) != JVMTI_ERROR_NONE || stored == NULL) {
        return;
    }
    (*jvmti)->SetThreadLocalStorage(jvmti, NULL, NULL);
    if (C.active) {
        uint64_t v = (uint64_t) (uintptr_t) stored;
        waited(jvmti, jni, thread, elapsed_since(v, now_nanos()), 1, (uint32_t) (v & 0xffff), 0);
    }
}

static void JNICALL on_wait(jvmtiEnv *jvmti, JNIEnv *jni, jthread thread, jobject object, jlong timeout) {
    if (!C.active) {
        return;
    }
    count(&C.events[1]);
    (*jvmti)->SetThreadLocalStorage(jvmti, thread, (const void *) (uintptr_t) stamp(now_nanos(), 0));
}

static void JNICALL on_waited(jvmtiEnv *jvmti, JNIEnv *jni, jthread thread, jobject object, jboolean timed_out) {
    void *stored = NULL;
    if ((*jvmti)->GetThreadLocalStorage(jvmti, thread, &stored) != JVMTI_ERROR_NONE || stored == NULL) {
        return;
    }
    (*jvmti)->SetThreadLocalStorage(jvmti, thread, NULL);
    if (C.active) {
        waited(jvmti, jni, thread, elapsed_since((uint64_t) (uintptr_t) stored, now_nanos()), 1, 0, 0);
    }
}

/*
 * For a park drawn for the mutex profile: whether it waits for a ReentrantLock or a
 * ReentrantReadWriteLock (its blocker is the lock's Sync), and then the owner's stack (a
 * virtual thread's too: its stack is read mounted or not).
 */
static uint32_t lock_park(JNIEnv *jni, jobject blocker) {
    jvmtiEnv *jvmti = C.enter_env;
    if (blocker == NULL || !((*jni)->IsInstanceOf(jni, blocker, C.reentrant_sync)
                             || (*jni)->IsInstanceOf(jni, blocker, C.rw_sync))) {
        return 0;
    }
    if (!take_holder()) {
        return HOLDER_NOT_TAKEN;
    }
    uint64_t started = now_nanos();
    jobject owner = (*jni)->GetObjectField(jni, blocker, C.exclusive_owner);
    int32_t site = owner == NULL ? -1 : holder_site(jvmti, jni, owner, started);
    return site >= 0 && site <= MAX_HOLDER_SITE ? (uint32_t) site + FIRST_HOLDER : HOLDER_NOT_FOUND;
}

static jobject current_blocker(JNIEnv *jni) {
    jthread self = NULL;
    if ((*C.enter_env)->GetCurrentThread(C.enter_env, &self) != JVMTI_ERROR_NONE || self == NULL) {
        return NULL;
    }
    return (*jni)->GetObjectField(jni, self, C.park_blocker);
}

static void JNICALL traced_park(JNIEnv *jni, jobject unsafe, jboolean absolute, jlong time) {
    if (!C.active) {
        C.original_park(jni, unsafe, absolute, time);
        return;
    }
    count(&C.events[2]);
    uint64_t t0 = now_nanos();
    uint32_t mutex = mutex_sampled() ? lock_park(jni, current_blocker(jni)) : 0;
    C.original_park(jni, unsafe, absolute, time);
    uint64_t d = now_nanos() - t0;
    if ((*jni)->ExceptionCheck(jni)) {
        return;
    }
    waited(C.enter_env, jni, NULL, d, 1, mutex, 0);
}

/* A virtual thread is about to unmount: if it parks in LockSupport.park(blocker), the wait
 * starts now (and a mutex draw is made, as traced_park makes it). Any other unmount (yield,
 * sleep, socket wait, monitor) leaves no mark. */
static void JNICALL on_vthread_unmount(jvmtiEnv *jvmti, JNIEnv *jni, jthread vthread) {
    if (!C.active || vthread == NULL) {
        return;
    }
    jobject blocker = (*jni)->GetObjectField(jni, vthread, C.park_blocker);
    if (blocker == NULL) {
        return;
    }
    count(&C.events[3]);
    uint64_t started = now_nanos();
    uint32_t mutex = mutex_sampled() ? lock_park(jni, blocker) : 0;
    (*jni)->DeleteLocalRef(jni, blocker);
    (*jvmti)->SetThreadLocalStorage(jvmti, NULL, (const void *) (uintptr_t) stamp(started, mutex));
}

/* A virtual thread is mounted again: the end of its park, if its unmount began one. */
static void JNICALL on_vthread_mount(jvmtiEnv *jvmti, JNIEnv *jni, jthread vthread) {
    void *stored = NULL;
    if (vthread == NULL || (*jvmti)->GetThreadLocalStorage(jvmti, NULL, &stored) != JVMTI_ERROR_NONE
        || stored == NULL) {
        return;
    }
    (*jvmti)->SetThreadLocalStorage(jvmti, NULL, NULL);
    if (C.active) {
        uint64_t v = (uint64_t) (uintptr_t) stored;
        waited(jvmti, jni, vthread, elapsed_since(v, now_nanos()), 1, (uint32_t) (v & 0xffff), 1);
    }
}

/* Unsafe_Park's address from libjvm's symbol table (.symtab: the function is static). */
static void *libjvm_symbol(const char *name) {
    Dl_info info;
    if (pprof4j_vm == NULL || !dladdr((void *) (*pprof4j_vm)->GetEnv, &info) || info.dli_fname == NULL) {
        return NULL;
    }
    int fd = open(info.dli_fname, O_RDONLY);
    if (fd < 0) {
        return NULL;
    }
    struct stat st;
    void *found = NULL;
    if (fstat(fd, &st) == 0 && (size_t) st.st_size > sizeof(Elf64_Ehdr)) {
        unsigned char *map = mmap(NULL, (size_t) st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map != MAP_FAILED) {
            const Elf64_Ehdr *eh = (const Elf64_Ehdr *) map;
            size_t size = (size_t) st.st_size;
            if (memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 && eh->e_ident[EI_CLASS] == ELFCLASS64
                && eh->e_shoff + (size_t) eh->e_shnum * sizeof(Elf64_Shdr) <= size) {
                const Elf64_Shdr *sh = (const Elf64_Shdr *) (map + eh->e_shoff);
                for (int i = 0; i < eh->e_shnum && found == NULL; i++) {
                    if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum
                        || sh[i].sh_offset + sh[i].sh_size > size) {
                        continue;
                    }
                    const Elf64_Shdr *strs = &sh[sh[i].sh_link];
                    const Elf64_Sym *sym = (const Elf64_Sym *) (map + sh[i].sh_offset);
                    size_t count = sh[i].sh_size / sizeof(Elf64_Sym);
                    for (size_t k = 0; k < count; k++) {
                        if (ELF64_ST_TYPE(sym[k].st_info) == STT_FUNC && sym[k].st_value != 0
                            && sym[k].st_name < strs->sh_size && strs->sh_offset + strs->sh_size <= size
                            && strcmp((const char *) map + strs->sh_offset + sym[k].st_name, name) == 0) {
                            found = (char *) info.dli_fbase + sym[k].st_value;
                            break;
                        }
                    }
                }
            }
            munmap(map, size);
        }
    }
    close(fd);
    return found;
}

static jvmtiEnv *new_env(jvmtiEventCallbacks *cb, int want_holders, int *holders) {
    jvmtiEnv *env = NULL;
    if ((*pprof4j_vm)->GetEnv(pprof4j_vm, (void **) &env, JVMTI_VERSION_11) != JNI_OK || env == NULL) {
        return NULL;
    }
    jvmtiCapabilities have, want;
    memset(&want, 0, sizeof(want));
    (*env)->GetPotentialCapabilities(env, &have);
    if (!have.can_generate_monitor_events) {
        return NULL;
    }
    want.can_generate_monitor_events = 1;
    want.can_get_monitor_info = want_holders && have.can_get_monitor_info;
    /* can_support_virtual_threads (JDK 21+; JDK 17's jvmti.h does not name it): bit 44 of the
     * capabilities, after can_generate_sampled_object_alloc_events. With it, monitor events of
     * virtual threads come to us and thread-local storage is the virtual thread's own. */
    uint64_t bits, vt = 1ULL << 44;
    memcpy(&bits, &have, sizeof(bits));
    if (bits & vt) {
        uint64_t w;
        memcpy(&w, &want, sizeof(w));
        w |= vt;
        memcpy(&want, &w, sizeof(w));
    }
    if ((*env)->AddCapabilities(env, &want) != JVMTI_ERROR_NONE
        || (*env)->SetEventCallbacks(env, cb, sizeof(*cb)) != JVMTI_ERROR_NONE) {
        (*env)->DisposeEnvironment(env);
        return NULL;
    }
    if (holders != NULL) {
        *holders = want.can_get_monitor_info;
    }
    return env;
}

/* Thread.parkBlocker, the lock classes whose owners are read, and LockSupport; null when found. */
static const char *find_lock_classes(JNIEnv *jni) {
    jclass thread = (*jni)->FindClass(jni, "java/lang/Thread");
    jclass owned = thread == NULL ? NULL : (*jni)->FindClass(jni, "java/util/concurrent/locks/AbstractOwnableSynchronizer");
    jclass rl = owned == NULL ? NULL : (*jni)->FindClass(jni, "java/util/concurrent/locks/ReentrantLock$Sync");
    jclass rw = rl == NULL ? NULL : (*jni)->FindClass(jni, "java/util/concurrent/locks/ReentrantReadWriteLock$Sync");
    jclass support = rw == NULL ? NULL : (*jni)->FindClass(jni, "java/util/concurrent/locks/LockSupport");
    if (support == NULL) {
        (*jni)->ExceptionClear(jni);
        return "java.util.concurrent.locks classes not found";
    }
    C.park_blocker = (*jni)->GetFieldID(jni, thread, "parkBlocker", "Ljava/lang/Object;");
    C.exclusive_owner = C.park_blocker == NULL ? NULL
            : (*jni)->GetFieldID(jni, owned, "exclusiveOwnerThread", "Ljava/lang/Thread;");
    if (C.exclusive_owner == NULL) {
        (*jni)->ExceptionClear(jni);
        return "Thread.parkBlocker or AbstractOwnableSynchronizer.exclusiveOwnerThread not found";
    }
    C.reentrant_sync = (*jni)->NewGlobalRef(jni, rl);
    C.rw_sync = (*jni)->NewGlobalRef(jni, rw);
    C.lock_support = (*jni)->NewGlobalRef(jni, support);
    return NULL;
}

static const char *bind_park(JNIEnv *jni) {
    if (C.original_park == NULL) {
        C.original_park = (park_fn) libjvm_symbol("Unsafe_Park");
        if (C.original_park == NULL) {
            return "Unsafe_Park is not in libjvm's symbol table (a stripped libjvm?)";
        }
    }
    jclass unsafe = (*jni)->FindClass(jni, "jdk/internal/misc/Unsafe");
    if (unsafe == NULL) {
        (*jni)->ExceptionClear(jni);
        return "jdk.internal.misc.Unsafe not found";
    }
    JNINativeMethod park = {"park", "(ZJ)V", (void *) traced_park};
    if ((*jni)->RegisterNatives(jni, unsafe, &park, 1) != 0) {
        (*jni)->ExceptionClear(jni);
        return "RegisterNatives(jdk.internal.misc.Unsafe.park) failed";
    }
    return NULL;
}

static jint extension_event(jvmtiEnv *env, const char *id) {
    jint count = 0, found = -1;
    jvmtiExtensionEventInfo *events = NULL;
    if ((*env)->GetExtensionEvents(env, &count, &events) != JVMTI_ERROR_NONE) {
        return -1;
    }
    for (jint i = 0; i < count; i++) {
        if (strcmp(events[i].id, id) == 0) {
            found = events[i].extension_event_index;
        }
        for (jint p = 0; p < events[i].param_count; p++) {
            (*env)->Deallocate(env, (unsigned char *) events[i].params[p].name);
        }
        (*env)->Deallocate(env, (unsigned char *) events[i].params);
        (*env)->Deallocate(env, (unsigned char *) events[i].id);
        (*env)->Deallocate(env, (unsigned char *) events[i].short_description);
    }
    (*env)->Deallocate(env, (unsigned char *) events);
    return found;
}

/* The environment of virtual threads' parks (JDK 21+), its events not yet on; null when made,
 * else why not. */
static const char *new_vthread_env(void) {
    jvmtiEnv *env = NULL;
    if ((*pprof4j_vm)->GetEnv(pprof4j_vm, (void **) &env, JVMTI_VERSION_11) != JNI_OK || env == NULL) {
        return "no JVMTI environment";
    }
    jvmtiCapabilities have, want;
    memset(&want, 0, sizeof(want));
    (*env)->GetPotentialCapabilities(env, &have);
    uint64_t bits, vt = 1ULL << 44; /* can_support_virtual_threads: see new_env */
    memcpy(&bits, &have, sizeof(bits));
    C.mount_event = extension_event(env, "com.sun.hotspot.events.VirtualThreadMount");
    C.unmount_event = extension_event(env, "com.sun.hotspot.events.VirtualThreadUnmount");
    if (!(bits & vt) || C.mount_event < 0 || C.unmount_event < 0) {
        (*env)->DisposeEnvironment(env);
        return "this JVM has no virtual threads' mount events (JDK 21+)";
    }
    memcpy(&want, &vt, sizeof(vt));
    if ((*env)->AddCapabilities(env, &want) != JVMTI_ERROR_NONE) {
        (*env)->DisposeEnvironment(env);
        return "JVMTI refused can_support_virtual_threads";
    }
    C.vthread_env = env;
    return NULL;
}

/* Virtual threads' mount events on or off (HotSpot wants both the callback and the event's
 * notification mode, whose event type is its extension index); whether that worked. */
static int vthread_events(int on) {
    jvmtiEnv *v = C.vthread_env;
    jvmtiEventMode mode = on ? JVMTI_ENABLE : JVMTI_DISABLE;
    return v != NULL
           && (*v)->SetExtensionEventCallback(v, C.unmount_event, on ? (jvmtiExtensionEvent) on_vthread_unmount : NULL)
              == JVMTI_ERROR_NONE
           && (*v)->SetExtensionEventCallback(v, C.mount_event, on ? (jvmtiExtensionEvent) on_vthread_mount : NULL)
              == JVMTI_ERROR_NONE
           && (*v)->SetEventNotificationMode(v, mode, (jvmtiEvent) C.unmount_event, NULL) == JVMTI_ERROR_NONE
           && (*v)->SetEventNotificationMode(v, mode, (jvmtiEvent) C.mount_event, NULL) == JVMTI_ERROR_NONE;
}

#define NATIVE(ret, name) JNIEXPORT ret JNICALL Java_dev_pprof4j_runtime_collect_contention_NativeContention_##name

/* Null when monitors are traced; else why not. The park's outcome is parkError0's. */
NATIVE(jstring, start0)(JNIEnv *jni, jclass c, jlong rate, jint fraction, jint holders_per_second, jint max_depth,
                        jboolean parks) {
    sampler_t *s = &pprof4j_sampler;
    if (s->jvmti == NULL || s->dead || pprof4j_vm == NULL) {
        return (*jni)->NewStringUTF(jni, "libpprof4j has no JVMTI environment");
    }
    C.rate = rate;
    C.fraction = fraction;
    C.holders_per_second = holders_per_second;
    C.holder_every = 1;
    C.window_start = now_nanos();
    C.max_depth = max_depth < 1 ? 1 : (max_depth > PPROF4J_MAX_DEPTH ? PPROF4J_MAX_DEPTH : max_depth);
    if (C.enter_env == NULL) {
        jvmtiEventCallbacks enter, wait;
        memset(&enter, 0, sizeof(enter));
        memset(&wait, 0, sizeof(wait));
        enter.MonitorContendedEnter = on_contended_enter;
        enter.MonitorContendedEntered = on_contended_entered;
        wait.MonitorWait = on_wait;
        wait.MonitorWaited = on_waited;
        C.enter_env = new_env(&enter, 1, &C.monitor_holders);
        C.wait_env = C.enter_env == NULL ? NULL : new_env(&wait, 0, NULL);
        if (C.wait_env == NULL) {
            return (*jni)->NewStringUTF(jni, "JVMTI refused can_generate_monitor_events");
        }
        const char *classes = find_lock_classes(jni);
        C.park_error = !parks ? "parks not traced (asked so)" : classes != NULL ? classes : bind_park(jni);
        C.vthread_error = !parks ? "parks not traced (asked so)" : classes != NULL ? classes : new_vthread_env();
    }
    C.active = 1;
    jvmtiEnv *e = C.enter_env, *w = C.wait_env;
    if ((*e)->SetEventNotificationMode(e, JVMTI_ENABLE, JVMTI_EVENT_MONITOR_CONTENDED_ENTER, NULL) != JVMTI_ERROR_NONE
        || (*e)->SetEventNotificationMode(e, JVMTI_ENABLE, JVMTI_EVENT_MONITOR_CONTENDED_ENTERED, NULL) != JVMTI_ERROR_NONE
        || (*w)->SetEventNotificationMode(w, JVMTI_ENABLE, JVMTI_EVENT_MONITOR_WAIT, NULL) != JVMTI_ERROR_NONE
        || (*w)->SetEventNotificationMode(w, JVMTI_ENABLE, JVMTI_EVENT_MONITOR_WAITED, NULL) != JVMTI_ERROR_NONE) {
        C.active = 0;
        return (*jni)->NewStringUTF(jni, "JVMTI could not enable the monitor events");
    }
    if (C.vthread_error == NULL && !vthread_events(1)) {
        C.vthread_error = "JVMTI could not enable the virtual threads' mount events";
    }
    return NULL;
}

/* Null when Unsafe.park is traced; else why not. */
NATIVE(jstring, parkError0)(JNIEnv *jni, jclass c) {
    return C.park_error == NULL ? NULL : (*jni)->NewStringUTF(jni, C.park_error);
}

/* Null when virtual threads' parks are traced; else why not. */
NATIVE(jstring, virtualParkError0)(JNIEnv *jni, jclass c) {
    return C.vthread_error == NULL ? NULL : (*jni)->NewStringUTF(jni, C.vthread_error);
}

/* Stops new samples; the park stays bound to traced_park, which then only forwards. */
NATIVE(void, stop0)(JNIEnv *jni, jclass c) {
    C.active = 0;
    jvmtiEnv *e = C.enter_env, *w = C.wait_env;
    if (e != NULL && w != NULL && !pprof4j_sampler.dead) {
        (*e)->SetEventNotificationMode(e, JVMTI_DISABLE, JVMTI_EVENT_MONITOR_CONTENDED_ENTER, NULL);
        (*e)->SetEventNotificationMode(e, JVMTI_DISABLE, JVMTI_EVENT_MONITOR_CONTENDED_ENTERED, NULL);
        (*w)->SetEventNotificationMode(w, JVMTI_DISABLE, JVMTI_EVENT_MONITOR_WAIT, NULL);
        (*w)->SetEventNotificationMode(w, JVMTI_DISABLE, JVMTI_EVENT_MONITOR_WAITED, NULL);
        if (C.vthread_error == NULL) {
            vthread_events(0);
        }
    }
}

/* Per site from `from` on: kind, frame count, then (method index, line) per frame. */
NATIVE(jintArray, sites0)(JNIEnv *jni, jclass c, jint from) {
    sampler_t *s = &pprof4j_sampler;
    pthread_mutex_lock(&s->lock);
    size_t len = 0;
    for (uint32_t i = (uint32_t) from; i < C.site_count; i++) {
        len += 2 + 2 * (size_t) C.sites[i].nframes;
    }
    jint *v = malloc((len + 1) * sizeof(jint));
    size_t k = 0;
    for (uint32_t i = (uint32_t) from; v != NULL && i < C.site_count; i++) {
        v[k++] = C.sites[i].kind;
        v[k++] = (jint) C.sites[i].nframes;
        memcpy(&v[k], &C.frames[C.sites[i].frame_off], 2 * C.sites[i].nframes * sizeof(jint));
        k += 2 * C.sites[i].nframes;
    }
    pthread_mutex_unlock(&s->lock);
    return pprof4j_int_array(jni, v, k);
}

/* Per site: contentions and delay in ns, as scaled so far. */
NATIVE(jdoubleArray, values0)(JNIEnv *jni, jclass c) {
    sampler_t *s = &pprof4j_sampler;
    pthread_mutex_lock(&s->lock);
    uint32_t n = C.site_count;
    double *v = malloc(((size_t) n * 2 + 1) * sizeof(double));
    for (uint32_t i = 0; v != NULL && i < n; i++) {
        v[2 * i] = C.sites[i].count;
        v[2 * i + 1] = C.sites[i].delay;
    }
    pthread_mutex_unlock(&s->lock);
    if (v == NULL) {
        return NULL;
    }
    jdoubleArray out = (*jni)->NewDoubleArray(jni, (jsize) (n * 2));
    if (out != NULL) {
        (*jni)->SetDoubleArrayRegion(jni, out, 0, (jsize) (n * 2), v);
    }
    free(v);
    return out;
}

/* Monitor enters, monitor waits, parks seen; stacks taken; holder stacks taken and their ns; dropped;
 * the mutex samples per holder taken now; virtual threads' parks seen. */
NATIVE(jlongArray, stats0)(JNIEnv *jni, jclass c) {
    sampler_t *s = &pprof4j_sampler;
    jlong v[9];
    pthread_mutex_lock(&s->lock);
    v[0] = (jlong) __atomic_load_n(&C.events[0], __ATOMIC_RELAXED);
    v[1] = (jlong) __atomic_load_n(&C.events[1], __ATOMIC_RELAXED);
    v[2] = (jlong) __atomic_load_n(&C.events[2], __ATOMIC_RELAXED);
    v[3] = (jlong) C.sampled;
    v[4] = (jlong) C.holders;
    v[5] = (jlong) C.holder_nanos;
    v[6] = (jlong) C.dropped;
    v[7] = (jlong) C.holder_every;
    v[8] = (jlong) __atomic_load_n(&C.events[3], __ATOMIC_RELAXED);
    pthread_mutex_unlock(&s->lock);
    jlongArray out = (*jni)->NewLongArray(jni, 9);
    if (out != NULL) {
        (*jni)->SetLongArrayRegion(jni, out, 0, 9, v);
    }
    return out;
}
