#ifndef JETNET_CHDF5_SHIM_H
#define JETNET_CHDF5_SHIM_H
#include <hdf5.h>

/* HDF5's type and property-list "constants" are macros that call H5open() at run time;
   they do not import into Swift, so they are wrapped here. */
static inline hid_t jn_H5T_NATIVE_FLOAT(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t jn_H5T_NATIVE_DOUBLE(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t jn_H5T_NATIVE_INT8(void) { return H5T_NATIVE_INT8; }
static inline hid_t jn_H5T_NATIVE_UINT8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t jn_H5T_NATIVE_INT16(void) { return H5T_NATIVE_INT16; }
static inline hid_t jn_H5T_NATIVE_UINT16(void) { return H5T_NATIVE_UINT16; }
static inline hid_t jn_H5T_NATIVE_INT32(void) { return H5T_NATIVE_INT32; }
static inline hid_t jn_H5T_NATIVE_UINT32(void) { return H5T_NATIVE_UINT32; }
static inline hid_t jn_H5T_NATIVE_INT64(void) { return H5T_NATIVE_INT64; }
static inline hid_t jn_H5T_NATIVE_UINT64(void) { return H5T_NATIVE_UINT64; }
static inline hid_t jn_H5T_C_S1(void) { return H5T_C_S1; }
static inline hid_t jn_H5P_DEFAULT(void) { return H5P_DEFAULT; }
static inline hid_t jn_H5P_DATASET_CREATE(void) { return H5P_DATASET_CREATE; }
static inline hid_t jn_H5S_ALL(void) { return H5S_ALL; }
static inline hid_t jn_H5E_DEFAULT(void) { return H5E_DEFAULT; }
static inline unsigned jn_H5F_ACC_RDONLY(void) { return H5F_ACC_RDONLY; }
static inline unsigned jn_H5F_ACC_TRUNC(void) { return H5F_ACC_TRUNC; }
static inline size_t jn_H5T_VARIABLE(void) { return H5T_VARIABLE; }

/* Silence HDF5's own error printing: errors become Swift throws instead. */
static inline void jn_H5_silence_errors(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }
#endif
