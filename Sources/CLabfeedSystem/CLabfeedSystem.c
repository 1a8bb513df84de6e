// See include/CLabfeedSystem.h.
#include "CLabfeedSystem.h"

#include <stdlib.h>  // defines __GLIBC__ on glibc systems
#include <stdint.h>
#include <dlfcn.h>
#include <pthread.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

// jemalloc's control interface, looked up at run time: the library targets (and so the tests)
// are linked without jemalloc; only the executables that depend on CAllocator have it.
typedef int (*mallctl_function)(const char *, void *, size_t *, void *, size_t);
static mallctl_function jemalloc_mallctl;
static pthread_once_t jemalloc_once = PTHREAD_ONCE_INIT;

static void find_jemalloc(void) {
    mallctl_function fn = (mallctl_function)dlsym(RTLD_DEFAULT, "mallctl");
    if (fn == NULL) return;
    // Defined is not enough: under AddressSanitizer the sanitizer's malloc comes first and
    // jemalloc, though loaded, allocates nothing. It is in use when it has allocated.
    uint64_t epoch = 1;
    size_t allocated = 0, length = sizeof(allocated);
    if (fn("epoch", NULL, NULL, &epoch, sizeof(epoch)) != 0) return;
    if (fn("stats.allocated", &allocated, &length, NULL, 0) != 0 || allocated == 0) return;
    jemalloc_mallctl = fn;
}

int csystem_jemalloc_in_use(void) {
    pthread_once(&jemalloc_once, find_jemalloc);
    return jemalloc_mallctl != NULL;
}

int csystem_fix_mmap_threshold(int bytes) {
    if (csystem_jemalloc_in_use()) return 0;
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}

int csystem_release_free_memory(void) {
    if (csystem_jemalloc_in_use()) {
        // "arena.<MALLCTL_ARENAS_ALL>.purge": every arena's unused dirty pages back to the system
        // (MALLCTL_ARENAS_ALL is 4096 in jemalloc 5; jemalloc.h is not needed for that).
        return jemalloc_mallctl("arena.4096.purge", NULL, NULL, NULL, 0) == 0;
    }
#if defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}
