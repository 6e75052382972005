// Only the reentrant (_r) GEOS C API is visible to Swift: every call takes a context handle,
// which is what lets each worker thread own its own context.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
