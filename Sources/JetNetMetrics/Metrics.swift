/// The evaluation metrics for generated jets, with jetnet 0.2.5's definitions and defaults.
///
/// Each metric lives in its own file as an extension (`Metrics+W1.swift`, `Metrics+FPD.swift`,
/// …). Every array argument is `[jets, particles, features]` in JetNet order
/// `[etarel, phirel, ptrel, (mask)]` unless its documentation says otherwise. The results are
/// ``MetricValue`` (a value with its uncertainty), ``MetricValues`` (one per feature) and
/// ``CovMMD``; every sampling metric takes `samples`, `batches` and `seed` with the defaults of
/// ``Defaults``.
public enum Metrics {}
