import Foundation
import JetNet

// Datasets: the same jets in the same order as jetnet's JetNet.getData for the same arguments.
// The embedded sample has the datasets' layout; for the real files pass their directory and
// `download: true`.
let location = DatasetLocation(directory: EmbeddedSample.jetNetDirectory)
let (real, jets) = try JetNetDataset.load(
    jetTypes: [.gluon], location: location,
    particleFeatures: [.etaRel, .phiRel, .ptRel], jetFeatures: [.mass],
    particles: 30, split: .train, splitFractions: [0.7, 0.15, 0.15], seed: 42)
// NDArray<Float> [jets, 30, 3] and [jets, 1]: one feature axis entry per feature asked for.
print("gluon jets \(real.shape), jet masses \(jets.shape)")

// A dataset object with normalisation and batches, for a training loop.
let train = try JetNetDataset(
    jetTypes: [.gluon, .top], location: location, particles: 30, split: .train,
    particleNormalisation: FeaturewiseLinear(normaliseFeatures: [true, true, true, false], normal: true))
var batches = train.batches(size: 128, shuffle: true, seed: 0)
var seen = 0
while let batch = try batches.next() { seen += batch.indices.count }  // batch.particles: [128, 30, 4]
print("one epoch: \(seen) jets")

// Metrics, seeded (default 42): equal to jetnet's when its module generator is default_rng(seed).
let generated = try JetDistortion.smearPt(width: 0.1).apply(to: real, seed: 1)  // stands in for a model's jets
let w1m = try Metrics.w1m(real: real, gen: generated, samples: 1_000, seed: 0)
print("W1M = \(w1m.value) ± \(w1m.error)")
let features = (try Metrics.fpdKPDJetFeatures(real), try Metrics.fpdKPDJetFeatures(generated))
let fpd = try Metrics.fpd(real: features.0, gen: features.1, minSamples: 500, maxSamples: 1_000)
print("FPD = \(fpd.value) ± \(fpd.error)")

// Every metric at once, with sample sizes fitted to this small sample, as the CLI prints them.
let options = EvaluationOptions(metrics: MetricKind.applicable(particles: 30, jetType: nil)).fitting(jets: 1_000)
let result = try Metrics.evaluate(real: real, gen: generated, options: options)
print(EvaluationTables.metrics(result).rendered)

// Energy Flow Polynomials in energyflow's order (inputs [jets, particles, (pt, y, phi)]).
let efps = try EFPSet("d<=4").batchCompute(real.selectingLast([2, 0, 1]))
print("EFPs \(efps.shape)")
