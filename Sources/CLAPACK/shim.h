#ifndef JETNET_CLAPACK_SHIM_H
#define JETNET_CLAPACK_SHIM_H
#include <lapacke.h>
#endif
