// Element-wise and neighbour-search kernels of the ParticleNet forward pass (JetNetMetrics'
// FPND). Plain C so that the compiler can build AVX-512 and AVX2 versions of each loop beside
// the baseline one and pick one at load time; every version does the same float operations in
// the same order, so results do not depend on the CPU.
#ifndef JETNET_PARTICLENET_KERNELS_H
#define JETNET_PARTICLENET_KERNELS_H

#include <stdint.h>

/// For node n and slot s: edges[(n*k + s)*width + c] =
///   max(products[n*2*width + c] + products[neighbours[n*k + s]*2*width + width + c], 0).
/// products: [nodes, 2*width]; neighbours: [nodes, k] indices into products' rows;
/// edges: [nodes*k, width].
void jetnet_pn_gather_add_relu(
    const float *products, const int32_t *neighbours, long nodes, long k, long width, float *edges);

/// values[r*width + c] = max(values[r*width + c] + bias[c], 0) for r < rows.
void jetnet_pn_add_bias_relu(float *values, long rows, long width, const float *bias);

/// out[n*outStride + c] = scale * sum over s < k (in order) of max(edges[(n*k + s)*width + c] + bias[c], 0).
/// edges: [nodes*k, width]; out: nodes rows of width values, outStride apart.
void jetnet_pn_mean_bias_relu(
    const float *edges, long nodes, long k, long width, const float *bias, float scale, float *out, long outStride);

/// The k nearest other particles of every particle of each of `jets` jets of `particles`
/// particles, by squared distance over columns column..<column+width of the node rows
/// (nodeStride floats apart); ties go to the lower index. Writes global node indices
/// (jet*particles + j) to neighbours [jets*particles, k]. distances: scratch of
/// particles*particles floats. Requires particles > k.
void jetnet_pn_nearest_neighbours(
    const float *nodes, long nodeStride, long column, long width, long jets, long particles, long k,
    float *distances, int32_t *neighbours);

#endif
