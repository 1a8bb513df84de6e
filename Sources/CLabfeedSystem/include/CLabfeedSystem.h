// CLabfeedSystem: the few C library calls Swift's Glibc module does not expose. Every symbol here
// starts with `csystem_`.
#ifndef CLABFEEDSYSTEM_H
#define CLABFEEDSYSTEM_H

/// Fixes glibc's mmap threshold at `bytes` (mallopt M_MMAP_THRESHOLD): blocks at least that
/// large are mapped on their own and returned to the system when freed, and glibc stops
/// raising the threshold as large blocks are freed. Returns 1 on success, 0 when refused or
/// when the C library is not glibc (then nothing changes).
int csystem_fix_mmap_threshold(int bytes);

/// Returns the heap's free memory to the system (glibc malloc_trim(0): every arena, not only
/// the top of the main heap). Returns 1 when some memory was released, 0 otherwise or when the
/// C library is not glibc.
int csystem_release_free_memory(void);

#endif
