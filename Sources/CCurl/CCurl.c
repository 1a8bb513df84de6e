// The libcurl wrappers live in include/CCurl.h as static inline functions; a C target needs one
// source file, and this is it.
#include "CCurl.h"
