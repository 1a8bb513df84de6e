// See include/CAllocator.h. jemalloc reads `malloc_conf` when it starts (before main), then the
// MALLOC_CONF environment variable, which overrides it option by option.
//
// - narenas:2: two arenas whatever the core count. Each thread allocates through its own cache
//   (tcache), so the arenas are rarely contended; fewer arenas keep fewer partly used pages. With
//   jemalloc's default (four per core) a cold sync of 1,000 sources peaked at 98-104 MB; with
//   two, 85-87 MB (glibc with labfeed's settings: 84 MB).
// - dirty_decay_ms:1000, muzzy_decay_ms:0: pages freed by a phase (the fetch phase's documents,
//   the build's working sets) go back to the system within about a second of activity, instead
//   of 10 s; a sync also purges the arenas between its phases (ProcessMemory). At 100 ms (stop
//   19 to 22) a 600-source cold sync made 1,558 madvise calls, each a TLB shootdown on the other
//   core, and faulted the pages in again: 886 calls and 17-20 K to 13 K page faults at 1,000 ms,
//   the same peak (74-76 MB at 600 sources, 89 MB at 1,000).
#include "CAllocator.h"

const char *malloc_conf = "narenas:2,dirty_decay_ms:1000,muzzy_decay_ms:0";
