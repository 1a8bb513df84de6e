// CAllocator: links jemalloc into the executables that ship (labfeed, and report-bench, which
// times labfeed's parsers) and sets its options (`malloc_conf`, in allocator.c). Nothing to call:
// depending on this target is what puts jemalloc in front of the C library's malloc. The
// MALLOC_CONF environment variable still overrides any option. See docs/OPERATIONS.md, "Memory".
#ifndef CALLOCATOR_H
#define CALLOCATOR_H
#endif
