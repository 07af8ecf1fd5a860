/// Checks shared by every loader, in jetnet's order: particle count, then selections.
enum DatasetRequest {
    /// - Throws: ``DatasetError/tooManyParticles(requested:maximum:dataset:)``,
    ///   ``DatasetError/invalidParticleCount(_:)`` or ``DatasetError/invalidRequest(_:)``.
    static func validate(
        dataset: String, particles: Int, maximum: Int, jetTypes: [String], validJetTypes: [String],
        particleFeatures: Int, jetFeatures: Int
    ) throws {
        guard particles <= maximum else {
            throw DatasetError.tooManyParticles(requested: particles, maximum: maximum, dataset: dataset)
        }
        guard particles >= 1 else { throw DatasetError.invalidParticleCount(particles) }
        guard !jetTypes.isEmpty else {
            throw DatasetError.invalidRequest("No jet types given; pass at least one of \(validJetTypes.joined(separator: ", ")).")
        }
        guard particleFeatures > 0 || jetFeatures > 0 else {
            throw DatasetError.invalidRequest("Neither particle nor jet features were selected; ask for at least one feature.")
        }
    }
}
