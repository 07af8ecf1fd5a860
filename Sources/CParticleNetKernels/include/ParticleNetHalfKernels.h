// Float16 versions of the ParticleNet per-edge layers (JetNetMetrics' FPND float16 mode), for
// CPUs with AVX512-FP16. Products are summed in float16 over blocks of `block` consecutive input
// terms (vfmadd231ph), and the blocks' sums in float32, so a float16 sum never spans more than
// `block` terms. Activations between the per-edge layers are float16; biases, the node layer
// before and the mean after stay float32. jetnet_pn_half_edge_mlp runs a block's per-edge layers
// in one pass (k = 16, block 64); the others run them one layer at a time. Callers must check
// jetnet_pn_half_supported() first.
#ifndef JETNET_PARTICLENET_HALF_KERNELS_H
#define JETNET_PARTICLENET_HALF_KERNELS_H

#include <stdint.h>

/// 1 when this CPU runs the float16 kernels (AVX512-FP16), 0 otherwise.
int jetnet_pn_half_supported(void);

/// Converts a row-major [outputs, inputs] float32 weight to float16 (nearest) and packs it for
/// the dense kernels: panels of 64 output columns (the last one 32 wide when outputs % 64 == 32),
/// each [inputs, panel width]. Requires outputs % 32 == 0. packed: inputs * outputs values.
void jetnet_pn_half_pack_weights(const float *weight, long outputs, long inputs, uint16_t *packed);

/// As jetnet_pn_gather_add_relu, writing float16 (nearest) edges [nodes*k, width].
void jetnet_pn_half_gather_add_relu(
    const float *products, const int32_t *neighbours, long nodes, long k, long width, uint16_t *edges);

/// output[r, c] = float16(max(bias[c] + sum_i input[r, i] * W[c, i], 0)) for r < rows.
/// input: [rows, inputs] float16; packed: W from jetnet_pn_half_pack_weights; output:
/// [rows, outputs] float16; block: input terms per float16 partial sum (>= 1).
void jetnet_pn_half_dense_bias_relu(
    const uint16_t *input, long rows, long inputs, const uint16_t *packed, long outputs, const float *bias,
    long block, uint16_t *output);

/// out[n*outStride + c] = sum over s < k (in order) of scale * max(bias[c] + sum_i
/// input[n*k + s, i] * W[c, i], 0), in float32, for n < nodes. input: [nodes*k, inputs] float16;
/// packed, block: as jetnet_pn_half_dense_bias_relu; out: nodes rows of outputs values,
/// outStride apart.
void jetnet_pn_half_dense_mean_bias_relu(
    const uint16_t *input, long nodes, long k, long inputs, const uint16_t *packed, long outputs,
    const float *bias, long block, float scale, float *out, long outStride);

/// Converts a row-major [outputs, inputs] float32 weight to float16 (nearest) and packs it for
/// jetnet_pn_half_edge_mlp as [outputs / 8][inputs][8] (outputs a multiple of 8). packed:
/// outputs*inputs values.
void jetnet_pn_half_pack_edge_weights(const float *weight, long outputs, long inputs, uint16_t *packed);

/// The per-edge layers of an EdgeConv block with k = 16 in float16, fused: for node n and output
/// channel c, target[n*targetStride + c] = 1/16 * sum over s < 16 of max(W3 h2(n, s) + b3, 0)[c]
/// in float32, with h2(n, s) = float16(max(W2 h1(n, s) + b2, 0)) and h1(n, s)[c] =
/// float16(max(products[n*2*width + c] + products[neighbours[n*16 + s]*2*width + width + c], 0));
/// each product W x summed in float16 over 64 input terms at a time and those sums in float32
/// (the rounding of jetnet_pn_half_dense_* with block 64). products: [nodes, 2*width] float32;
/// neighbours: [nodes, 16]; secondPacked, thirdPacked: the [width, width] weights packed by
/// jetnet_pn_half_pack_edge_weights; secondBias, thirdBias: [width] float32; scratch: 192*width
/// float16 values; width a multiple of 16. Only where jetnet_pn_half_supported() is non-zero.
void jetnet_pn_half_edge_mlp(
    const float *products, const int32_t *neighbours, long nodes, long width, const uint16_t *secondPacked,
    const float *secondBias, const uint16_t *thirdPacked, const float *thirdBias, uint16_t *scratch, float *target,
    long targetStride);

#endif
