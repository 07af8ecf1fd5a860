/*
 * jetnet_capi.h: the C ABI of JetNet for Swift (libJetNetCAPI.so), used by the Python package
 * `jetnet_swift` through ctypes.
 *
 * Arrays in: a jn_array describes a C-contiguous (row-major) float32 or float64 array the caller
 * owns; the library only reads it during the call. An optional array is passed as NULL.
 * Results out: every function returns a jn_result, never NULL, that the caller frees with
 * jn_result_free. Its status is JN_OK or an error category, with a one-line message; on success
 * it holds the output arrays (shape + dtype), which the caller copies into its own buffers.
 * Every function may be called from several threads at once; nothing is shared between calls.
 * The ABI only grows: a function keeps its signature once published, and a new option comes as a
 * new function (jn_fpnd_precision beside jn_fpnd).
 */
#ifndef JETNET_CAPI_H
#define JETNET_CAPI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Element types of arrays in and out. */
enum { JN_FLOAT32 = 0, JN_FLOAT64 = 1, JN_BOOL = 2 };

/* Status of a result: JN_OK or the category of the error (Python: ValueError,
 * FileNotFoundError, RuntimeError). */
enum { JN_OK = 0, JN_VALUE_ERROR = 1, JN_FILE_NOT_FOUND = 2, JN_RUNTIME_ERROR = 3 };

/* A C-contiguous array: `ndim` axes of lengths `shape[0..<ndim]`, elements of type `dtype`. */
typedef struct jn_array {
    const void *data;
    const int64_t *shape;
    int64_t ndim;
    int32_t dtype;
} jn_array;

/* The outcome of one call: status, message and output arrays. */
typedef struct jn_result jn_result;

int32_t jn_result_status(const jn_result *result);
/* The error's message (UTF-8, valid until jn_result_free); "" on success. */
const char *jn_result_message(const jn_result *result);
int64_t jn_result_count(const jn_result *result);
int32_t jn_result_dtype(const jn_result *result, int64_t index);
int64_t jn_result_ndim(const jn_result *result, int64_t index);
/* Writes the shape of output `index` into `shape` (jn_result_ndim entries). */
void jn_result_shape(const jn_result *result, int64_t index, int64_t *shape);
/* Copies output `index` into `destination`, a C-contiguous buffer of its dtype and shape. */
void jn_result_copy(const jn_result *result, int64_t index, void *destination);
void jn_result_free(jn_result *result);

/* The library's version ("0.1.0"); static storage. */
const char *jn_version(void);

/* ---- jetnet.evaluation (outputs: float64 arrays) ---- */

/* W1 of jet masses. real, gen: [jets, particles, >=3]. Outputs: means [1], stds [1] (if return_std). */
jn_result *jn_w1m(const jn_array *real, const jn_array *gen, int64_t num_eval_samples, int64_t num_batches,
                  uint64_t seed, int32_t return_std);
/* W1 of particle features. masks: [jets, particles] or NULL; num_particle_features 0 = all.
 * Outputs: means [features], stds [features] (if return_std). */
jn_result *jn_w1p(const jn_array *real, const jn_array *gen, const jn_array *real_mask, const jn_array *gen_mask,
                  int32_t exclude_zeros, int64_t num_particle_features, int64_t num_eval_samples,
                  int64_t num_batches, uint64_t seed, int32_t return_std);
/* W1 of EFPs. selection: energyflow conditions separated by '\n' ("n==4\nd==4\np==1").
 * Outputs: means [efps], stds [efps] (if return_std). */
jn_result *jn_w1efp(const jn_array *real, const jn_array *gen, int32_t use_particle_masses, const char *selection,
                    int64_t num_eval_samples, int64_t num_batches, uint64_t seed, int32_t return_std);
/* FPD of features [samples, features]. Output: [value, error]. */
jn_result *jn_fpd(const jn_array *real, const jn_array *gen, int64_t min_samples, int64_t max_samples,
                  int64_t num_batches, int64_t num_points, int32_t normalise, uint64_t seed);
/* KPD of features [samples, features]. Output: [median, error]. */
jn_result *jn_kpd(const jn_array *real, const jn_array *gen, int64_t num_batches, int64_t batch_size,
                  int32_t normalise, uint64_t seed);
/* Coverage and MMD with the EMD, jets [jets, particles, >=3]. Output: [cov, mmd]. */
jn_result *jn_cov_mmd(const jn_array *real, const jn_array *gen, int64_t num_eval_samples, int64_t num_batches,
                      uint64_t seed);
/* FPND of jets [jets, 30, 3] (etarel, phirel, ptrel) against jet_type's statistics. Output: [fpnd]. */
jn_result *jn_fpnd(const jn_array *jets, const char *jet_type, int32_t use_all_jets);
/* jn_fpnd with ParticleNet's per-edge arithmetic named: "float32" (jn_fpnd's, jetnet's) or
 * "float16" (CPUs with AVX512-FP16 only; elsewhere JN_VALUE_ERROR). Output: [fpnd]. */
jn_result *jn_fpnd_precision(const jn_array *jets, const char *jet_type, int32_t use_all_jets,
                             const char *precision);
/* The d<=4 EFPs FPD and KPD use. jets [jets, particles, >=3]. Output: [jets, 36]. */
jn_result *jn_fpd_kpd_jet_features(const jn_array *jets);

/* ---- jetnet.utils ---- */

/* Jet mass, pt, eta, phi of jets [jets, particles, 3 or 4] or one jet [particles, 3 or 4]
 * (eta, phi, pt[, mass]). Outputs: mass, pt, eta, phi, each [jets] float64. */
jn_result *jn_jet_features(const jn_array *jets);
/* EFPs (hadr, beta 1, kappa 1, ptyphim). jets [particles, >=3] or [jets, particles, >=3].
 * Output: [efps] or [jets, efps] float64. */
jn_result *jn_efps(const jn_array *jets, int32_t use_particle_masses, const char *selection);
/* Images of jets [jets, particles, >=3] with mask [jets, particles] or NULL.
 * Output: [jets, im_size, im_size] float64. */
jn_result *jn_to_image(const jn_array *jets, int64_t im_size, const jn_array *mask, double max_r);
/* Generated-jet corrections of jets [jets, particles, features] (float32 arithmetic).
 * Outputs: jets (without the mask column if ret_mask_separate) float32, and mask
 * [jets, particles] bool if ret_mask_separate. */
jn_result *jn_gen_jet_corrections(const jn_array *jets, int32_t ret_mask_separate, int32_t zero_mask_particles,
                                  int32_t zero_neg_pt, int64_t pt_index);
/* A coordinate transform named as in jetnet.utils ("cartesian_to_EtaPhiPtE", ...,
 * "relEtaPhiPt_to_EtaPhiPt", "relEtaPhiPt_to_cartesian"). `jets` is NULL for the absolute ones;
 * jet_coord is "cartesian" or "EtaPhiPtE". Output: one array of the input's dtype. */
jn_result *jn_coord_transform(const char *name, const jn_array *p4, const jn_array *jets, const char *jet_coord);

/* ---- energyflow.emd ---- */

/* EMD between two jets [particles, 3] (pt, y, phi) or pairwise EMDs between jets0 [n0, p, 3] and
 * jets1 [n1, p, 3] (pairwise != 0). Outputs: one jet pair: [distance] and, if return_flow, the
 * flow [p0, p1]; pairwise: [n0, n1]. */
jn_result *jn_emd(const jn_array *jets0, const jn_array *jets1, int32_t pairwise, double R, double beta,
                  int32_t norm, int32_t periodic_phi, int32_t return_flow);

/* ---- augmentations (jetnet augment) ---- */

/* Seeded augmentations of jets [jets, particles, features] or one jet [particles, features].
 * pipeline: stages separated by commas, as `jetnet augment --with` ("rotate, collinear-split,
 * smear(strength=0.1)"). frame: "relative" (etarel, phirel, ptrel), "absolute" (eta, phi, pt in
 * GeV) or "cartesian" (E, px, py, pz in GeV). eta, phi, pt: feature indices (relative/absolute);
 * energy, px, py, pz: feature indices (cartesian); mask: feature index of the mask, or negative
 * when a particle is real exactly when its pt is positive; jet_pt: GeV per unit ptrel (relative).
 * Computed in float32. Output: the augmented jets, same shape, float32. */
jn_result *jn_augment(const jn_array *jets, const char *pipeline, uint64_t seed, const char *frame, int64_t eta,
                      int64_t phi, int64_t pt, int64_t energy, int64_t px, int64_t py, int64_t pz, int64_t mask,
                      double jet_pt);

/* ---- jetnet.datasets ---- */

/* getData of `dataset` ("JetNet", "TopTagging", "QuarkGluon", "JetClass") with jetnet's keyword
 * arguments as a JSON object (see the Python package). Outputs: particle data and jet data
 * float32, each [0] when not requested. */
jn_result *jn_get_data(const char *dataset, const char *arguments_json);

#ifdef __cplusplus
}
#endif

#endif
