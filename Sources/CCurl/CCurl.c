// The wrappers live in include/CCurl.h as static inline functions; SwiftPM needs one C file.
#include "CCurl.h"
