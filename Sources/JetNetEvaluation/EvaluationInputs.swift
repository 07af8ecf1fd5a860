import JetNetCore
import JetNetPhysics

/// Real and generated jets checked and split the way every metric wants them: the three
/// kinematic features `[etarel, phirel, ptrel]`, with masked-out particles zeroed, and the
/// mask (the fourth feature) when there is one.
struct EvaluationInputs: Sendable {
    /// Real jets, `[jets, particles, 3]`.
    let real: NDArray<Float>
    /// Generated jets, `[jets', particles, 3]`.
    let gen: NDArray<Float>
    /// Real particle mask, `[jets, particles]`, if the input had a fourth feature.
    let realMask: NDArray<Float>?
    /// Generated particle mask, `[jets', particles]`.
    let genMask: NDArray<Float>?

    /// Checks the shapes and splits off the masks.
    ///
    /// - Parameters:
    ///   - real: `[jets, particles, 3 or 4]` in JetNet order.
    ///   - gen: `[jets', particles, 3 or 4]`, same particles and features as `real`.
    /// - Throws: ``EvaluationError/wrongShape(array:shape:)``, ``EvaluationError/shapeMismatch(real:gen:)``.
    init(real: NDArray<Float>, gen: NDArray<Float>) throws(EvaluationError) {
        for (name, array) in [("real jets", real), ("generated jets", gen)] {
            guard array.rank == 3, array.shape[0] > 0, array.shape[1] > 0, (3...4).contains(array.shape[2]) else {
                throw .wrongShape(array: name, shape: array.shape)
            }
        }
        guard real.shape.dropFirst() == gen.shape.dropFirst() else { throw .shapeMismatch(real: real.shape, gen: gen.shape) }
        (self.real, self.realMask) = ParticleMask.split(real)
        (self.gen, self.genMask) = ParticleMask.split(gen)
    }
}
