// CLabfeedSystem: the few C library calls Swift's Glibc module does not expose, and the
// allocator in use (glibc's malloc, or jemalloc where the executable links CAllocator). Every
// symbol here starts with `csystem_`.
#ifndef CLABFEEDSYSTEM_H
#define CLABFEEDSYSTEM_H

/// 1 when jemalloc is the process's allocator (the labfeed executable links it through the
/// CAllocator target), 0 when it is the C library's malloc (the tests, or a sanitizer's).
int csystem_jemalloc_in_use(void);

/// Fixes glibc's mmap threshold at `bytes` (mallopt M_MMAP_THRESHOLD): blocks at least that
/// large are mapped on their own and returned to the system when freed, and glibc stops
/// raising the threshold as large blocks are freed. Returns 1 on success, 0 when refused, when
/// the C library is not glibc, or when jemalloc allocates (then nothing changes).
int csystem_fix_mmap_threshold(int bytes);

/// Returns the heap's free memory to the system: jemalloc purges every arena's unused pages;
/// glibc's malloc_trim(0) releases every arena's, not only the top of the main heap. Returns 1
/// when jemalloc purged or glibc released some memory, 0 otherwise or when the C library is
/// not glibc.
int csystem_release_free_memory(void);

#endif
