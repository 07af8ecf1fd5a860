#ifndef JETNET_CCOMPRESSION_SHIM_H
#define JETNET_CCOMPRESSION_SHIM_H
#include <zlib.h>
#include <lzma.h>
#include <lz4.h>
#include <zstd.h>

/* zlib's inflateInit2/deflateInit2 are macros; expose them as functions. */
static inline int jn_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}
static inline int jn_deflateInit2(z_streamp strm, int level, int windowBits) {
    return deflateInit2(strm, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
#endif
