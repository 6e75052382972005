// PROJ's C API (proj.h): one PJ_CONTEXT per thread; transformations built with proj_create_crs_to_crs.
#include <proj.h>
