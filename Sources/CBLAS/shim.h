#ifndef JETNET_CBLAS_SHIM_H
#define JETNET_CBLAS_SHIM_H
#include <cblas.h>
#endif
