// Element-wise and neighbour-search kernels of the ParticleNet forward pass (JetNetMetrics'
// FPND). Plain C so that the compiler can build AVX-512 and AVX2 versions of each loop beside
// the baseline one and pick one at load time; every version does the same float operations in
// the same order, so results do not depend on the CPU. The fused per-edge kernel
// (jetnet_pn_edge_mlp) is AVX-512 only; on other CPUs the caller runs BLAS and the element-wise
// kernels instead, which round differently.
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
/// (jet*particles + j) to neighbours [jets*particles, k], nearest first. scratch:
/// jetnet_pn_nearest_neighbours_scratch(particles, width) floats. Requires particles > k.
void jetnet_pn_nearest_neighbours(
    const float *nodes, long nodeStride, long column, long width, long jets, long particles, long k,
    float *scratch, int32_t *neighbours);

/// The scratch floats jetnet_pn_nearest_neighbours needs for jets of `particles` particles and
/// distances over `width` columns.
long jetnet_pn_nearest_neighbours_scratch(long particles, long width);

/// Packs a row-major [outputs, inputs] weight matrix for jetnet_pn_edge_mlp as
/// [outputs / 8][inputs][8] (outputs a multiple of 8). packed: outputs*inputs floats.
void jetnet_pn_pack_edge_weights(const float *weight, long outputs, long inputs, float *packed);

/// Whether this CPU runs jetnet_pn_edge_mlp (it needs AVX-512F; elsewhere the caller uses the
/// BLAS path).
int jetnet_pn_edge_mlp_supported(void);

/// The per-edge layers of an EdgeConv block with k = 16, fused: for node n and output channel c,
///   target[n*targetStride + c] = 1/16 * sum over s < 16 of max(W3 h2(n, s) + b3, 0)[c], with
///   h2(n, s) = max(W2 h1(n, s) + b2, 0) and
///   h1(n, s)[c] = max(products[n*2*width + c] + products[neighbours[n*16 + s]*2*width + width + c], 0).
/// products: [nodes, 2*width]; neighbours: [nodes, 16]; secondPacked, thirdPacked: the [width,
/// width] weights packed by jetnet_pn_pack_edge_weights; secondBias, thirdBias: [width];
/// scratch: 96*width floats; width a multiple of 8. Only on CPUs where
/// jetnet_pn_edge_mlp_supported() is non-zero.
void jetnet_pn_edge_mlp(
    const float *products, const int32_t *neighbours, long nodes, long width, const float *secondPacked,
    const float *secondBias, const float *thirdPacked, const float *thirdBias, float *scratch, float *target,
    long targetStride);

/// Packs a row-major [outputs, inputs] weight matrix for jetnet_pn_node_layer as
/// [outputs / 64][inputs][64] (outputs a multiple of 64). packed: outputs*inputs floats.
void jetnet_pn_pack_node_weights(const float *weight, long outputs, long inputs, float *packed);

/// out[r*outputs + o] = bias[o] + sum over i of W[o, i] * input[r*inputStride + i] for r < rows:
/// a dense layer on rows of node features, W packed by jetnet_pn_pack_node_weights; outputs a
/// multiple of 64. Only on CPUs where jetnet_pn_edge_mlp_supported() is non-zero.
void jetnet_pn_node_layer(
    const float *input, long inputStride, long rows, long inputs, long outputs, const float *packed,
    const float *bias, float *out);

#endif
