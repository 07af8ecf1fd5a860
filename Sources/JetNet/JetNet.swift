// The umbrella module: `import JetNet` brings in every JetNet module.
@_exported import JetNetCore
@_exported import JetNetIO
@_exported import JetNetPhysics
@_exported import JetNetDatasets
@_exported import JetNetEvaluation
@_exported import JetNetMetrics
@_exported import JetNetCalorimeter
@_exported import JetNetSamples
@_exported import JetNetReport
