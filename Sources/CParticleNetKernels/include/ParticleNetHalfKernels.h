// Float16 versions of the ParticleNet per-edge layers (JetNetMetrics' FPND float16 mode), for
// CPUs with AVX512-FP16. Products are summed in float16 over blocks of `block` consecutive input
// terms (vfmadd231ph), and the blocks' sums in float32, so a float16 sum never spans more than
// `block` terms. Activations between the per-edge layers are float16; biases, the node layer
// before and the mean after stay float32. Callers must check jetnet_pn_half_supported() first.
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

#endif
