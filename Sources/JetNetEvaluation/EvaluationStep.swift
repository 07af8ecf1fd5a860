/// A step of a long evaluation, reported to the `progress` callback of
/// ``Metrics/evaluate(real:gen:options:progress:)`` (the CLI turns them into a status line).
public enum EvaluationStep: Sendable, Equatable {
    /// A step began, such as `"EFPs d<=4 (2 x 1000 jets)"` or `"fpd"`.
    case started(String)
    /// The step ended after `seconds`.
    case finished(String, seconds: Double)
    /// A long step (FPND's ParticleNet) has finished `done` of `total` items.
    case progress(String, done: Int, total: Int)
}
