// GDAL/OGR's C API (Debian's libgdal-dev, GDAL 3.6): datasets and vector layers (gdal.h, ogr_api.h),
// spatial references and coordinate transformations over PROJ (ogr_srs_api.h), and the per-thread
// error handler (cpl_error.h).
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_error.h>
#include <cpl_conv.h>
#include <cpl_string.h>
