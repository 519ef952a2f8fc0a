/*
 * The sampler's tables. All functions here but pprof4j_int_array run with sampler_t.lock held.
 * Tables grow by doubling and never shrink, except the live-sample table, which is swept
 * of collected objects whenever it has doubled since the last sweep (amortized O(1) per
 * sample, and bounded by the live heap over the sampling interval — no fixed cap).
 */
#include <stdlib.h>
#include <string.h>
#include "pprof4j.h"

uint64_t pprof4j_hash_bytes(uint64_t h, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Stacks are hashed a word at a time: a 64-frame stack is 1 KiB, too long for FNV's byte loop
 * on the allocation path. */
static uint64_t hash_words(uint64_t h, const uint64_t *w, size_t n) {
    for (size_t i = 0; i < n; i++) {
        h ^= w[i];
        h *= 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    return h;
}

static int grow(void **p, uint32_t *cap, uint32_t need, size_t elem) {
    if (need <= *cap) {
        return 1;
    }
    uint32_t c = *cap ? *cap : 64;
    while (c < need) {
        c *= 2;
    }
    void *n = realloc(*p, (size_t) c * elem);
    if (n == NULL) {
        return 0;
    }
    *p = n;
    *cap = c;
    return 1;
}

/* Rebuilds an open-addressing index of `count` entries whose hashes hash_of() gives. */
static int reindex(int32_t **index, uint32_t *cap, uint32_t count,
                   uint64_t (*hash_of)(sampler_t *, uint32_t), sampler_t *s) {
    uint32_t c = *cap ? *cap : 256;
    while (c < count * 2 + 2) {
        c *= 2;
    }
    int32_t *n = malloc((size_t) c * sizeof(int32_t));
    if (n == NULL) {
        return 0;
    }
    memset(n, 0xff, (size_t) c * sizeof(int32_t));
    for (uint32_t i = 0; i < count; i++) {
        uint32_t slot = (uint32_t) hash_of(s, i) & (c - 1);
        while (n[slot] >= 0) {
            slot = (slot + 1) & (c - 1);
        }
        n[slot] = (int32_t) i;
    }
    free(*index);
    *index = n;
    *cap = c;
    return 1;
}

static uint64_t class_hash_of(sampler_t *s, uint32_t i) { return s->class_hash[i]; }
static uint64_t site_hash_of(sampler_t *s, uint32_t i) { return s->sites[i].hash; }

int32_t pprof4j_intern_class(sampler_t *s, const char *sig) {
    if (sig == NULL) {
        sig = "";
    }
    size_t len = strlen(sig);
    uint64_t h = pprof4j_hash_bytes(0xcbf29ce484222325ULL, sig, len);
    if (s->class_index_cap > 0) {
        uint32_t mask = s->class_index_cap - 1;
        for (uint32_t slot = (uint32_t) h & mask; s->class_index[slot] >= 0; slot = (slot + 1) & mask) {
            int32_t i = s->class_index[slot];
            if (s->class_hash[i] == h && strcmp(s->classes[i], sig) == 0) {
                return i;
            }
        }
    }
    uint32_t n = s->class_count;
    uint32_t cap = s->class_cap;
    char *copy = strdup(sig);
    if (copy == NULL || !grow((void **) &s->classes, &s->class_cap, n + 1, sizeof(char *))
        || !grow((void **) &s->class_hash, &cap, n + 1, sizeof(uint64_t))) {
        free(copy);
        return -1;
    }
    s->classes[n] = copy;
    s->class_hash[n] = h;
    s->class_count = n + 1;
    if (s->class_count * 2 >= s->class_index_cap) {
        if (!reindex(&s->class_index, &s->class_index_cap, s->class_count, class_hash_of, s)) {
            s->class_count = n;
            free(copy);
            return -1;
        }
    } else {
        uint32_t mask = s->class_index_cap - 1;
        uint32_t slot = (uint32_t) h & mask;
        while (s->class_index[slot] >= 0) {
            slot = (slot + 1) & mask;
        }
        s->class_index[slot] = (int32_t) n;
    }
    return (int32_t) n;
}

static int same_frames(sampler_t *s, const site_t *site, const raw_frame_t *f, jint n) {
    if (site->nframes != (uint32_t) n) {
        return 0;
    }
    const raw_frame_t *g = s->frames + site->frame_off;
    for (jint i = 0; i < n; i++) {
        if (g[i].method != f[i].method || g[i].location != f[i].location) {
            return 0;
        }
    }
    return 1;
}

/* Sites are hashed by their stack alone, so that one whose stack implies its class is found
 * without asking for the class (a JVMTI GetTag, 6 % of a callback). */
uint64_t pprof4j_stack_hash(const raw_frame_t *frames, jint n) {
    return hash_words(0xcbf29ce484222325ULL, (const uint64_t *) frames,
                      (size_t) n * sizeof(raw_frame_t) / sizeof(uint64_t));
}

/* Whether the leaf frame's bytecode fixes the class allocated there: new, newarray and anewarray
 * name it (multianewarray allocates its inner arrays at the same bci; an invoke's bci is where
 * native or VM code allocated anything). Read once per site. */
static int class_fixed_by(sampler_t *s, const raw_frame_t *leaf) {
    if (!s->can_read_bytecodes || leaf->location < 0) {
        return 0;
    }
    jint len = 0;
    unsigned char *code = NULL;
    if ((*s->jvmti)->GetBytecodes(s->jvmti, leaf->method, &len, &code) != JVMTI_ERROR_NONE || code == NULL) {
        return 0;
    }
    int fixed = 0;
    if (leaf->location < len) {
        unsigned char op = code[leaf->location];
        fixed = op == 0xbb || op == 0xbc || op == 0xbd; /* new, newarray, anewarray */
    }
    (*s->jvmti)->Deallocate(s->jvmti, code);
    return fixed;
}

/* The site of this stack (h: its pprof4j_stack_hash) and class (PPROF4J_CLASS_UNKNOWN: whatever
 * the class, if the stack implies it); -1 when there is none yet or the class is needed to tell. */
int32_t pprof4j_find_site(sampler_t *s, uint64_t h, const raw_frame_t *frames, jint n, int32_t class_id) {
    if (s->site_index_cap == 0) {
        return -1;
    }
    uint32_t mask = s->site_index_cap - 1;
    for (uint32_t slot = (uint32_t) h & mask; s->site_index[slot] >= 0; slot = (slot + 1) & mask) {
        const site_t *site = &s->sites[s->site_index[slot]];
        if (site->hash == h && same_frames(s, site, frames, n)) {
            if (site->class_fixed || site->class_id == class_id) {
                return s->site_index[slot];
            }
            if (class_id == PPROF4J_CLASS_UNKNOWN) {
                return -1;
            }
        }
    }
    return -1;
}

int32_t pprof4j_intern_site(sampler_t *s, JNIEnv *jni, uint64_t h, const raw_frame_t *frames, jint n,
                            int32_t class_id) {
    int32_t found = pprof4j_find_site(s, h, frames, n, class_id);
    if (found >= 0) {
        return found;
    }
    /* A new site: resolve its methods now, while their classes are surely loaded. */
    uint32_t off = s->frame_count;
    uint32_t fcap = s->frame_cap, fcap2 = s->frame_cap;
    if (!grow((void **) &s->frames, &s->frame_cap, off + n, sizeof(raw_frame_t))
        || !grow((void **) &s->frame_method, &fcap, off + n, sizeof(int32_t))
        || !grow((void **) &s->frame_line, &fcap2, off + n, sizeof(int32_t))) {
        return -1;
    }
    for (jint i = 0; i < n; i++) {
        int32_t m = frames[i].method == NULL ? PPROF4J_METHOD_TRUNCATED
                                             : pprof4j_method_index(s, jni, frames[i].method);
        s->frames[off + i] = frames[i];
        s->frame_method[off + i] = m;
        s->frame_line[off + i] = m >= 0 ? pprof4j_line_of(&s->methods[m], frames[i].location) : 0;
    }
    if (!grow((void **) &s->sites, &s->site_cap, s->site_count + 1, sizeof(site_t))) {
        return -1;
    }
    s->frame_count = off + n;
    uint32_t id = s->site_count++;
    site_t *site = &s->sites[id];
    memset(site, 0, sizeof(*site));
    site->hash = h;
    site->frame_off = off;
    site->nframes = (uint32_t) n;
    site->class_id = class_id;
    site->class_fixed = n > 0 && class_fixed_by(s, &frames[0]);
    if (s->site_count * 2 >= s->site_index_cap) {
        if (!reindex(&s->site_index, &s->site_index_cap, s->site_count, site_hash_of, s)) {
            s->site_count--;
            return -1;
        }
    } else {
        uint32_t mask = s->site_index_cap - 1;
        uint32_t slot = (uint32_t) h & mask;
        while (s->site_index[slot] >= 0) {
            slot = (slot + 1) & mask;
        }
        s->site_index[slot] = (int32_t) id;
    }
    return (int32_t) id;
}

int pprof4j_add_live(sampler_t *s, jweak ref, int32_t site, int64_t size, double scale, uint32_t gcs) {
    if (!grow((void **) &s->live, &s->live_cap, s->live_count + 1, sizeof(live_t))) {
        return 0;
    }
    live_t *l = &s->live[s->live_count++];
    l->ref = ref;
    l->site = site;
    l->size = size;
    l->scale = scale;
    l->gcs = gcs;
    return 1;
}

/* Drops samples whose object was collected. IsSameObject(weak, NULL) is JNI's way to ask. */
void pprof4j_sweep(sampler_t *s, JNIEnv *jni) {
    uint32_t kept = 0;
    for (uint32_t i = 0; i < s->live_count; i++) {
        live_t l = s->live[i];
        if ((*jni)->IsSameObject(jni, l.ref, NULL)) {
            (*jni)->DeleteWeakGlobalRef(jni, l.ref);
        } else {
            s->live[kept++] = l;
        }
    }
    s->live_count = kept;
    s->live_after_sweep = kept;
}

/* Forgets every sample (allocation totals and live samples); keeps names and stacks. */
void pprof4j_reset(sampler_t *s, JNIEnv *jni) {
    for (uint32_t i = 0; i < s->live_count; i++) {
        (*jni)->DeleteWeakGlobalRef(jni, s->live[i].ref);
    }
    s->live_count = 0;
    s->live_after_sweep = 0;
    for (uint32_t i = 0; i < s->site_count; i++) {
        s->sites[i].raw_count = 0;
        s->sites[i].raw_bytes = 0;
        s->sites[i].alloc_objects = 0;
        s->sites[i].alloc_bytes = 0;
    }
}

jintArray pprof4j_int_array(JNIEnv *jni, jint *v, size_t n) {
    if (v == NULL) {
        return NULL;
    }
    jintArray out = (*jni)->NewIntArray(jni, (jsize) n);
    if (out != NULL) {
        (*jni)->SetIntArrayRegion(jni, out, 0, (jsize) n, v);
    }
    free(v);
    return out;
}
