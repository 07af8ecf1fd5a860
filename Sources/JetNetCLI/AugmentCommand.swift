import ArgumentParser
import Foundation
import JetNet

/// `jetnet augment`: physics-inspired augmentations of the jets in a file.
struct AugmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "augment",
        abstract: "Augment jets with seeded physics-inspired transforms (JetCLR, RODEM, weaver).",
        discussion: """
            Jets are [jets, particles, features] read from .npy, .npz or HDF5; the output is a \
            float32 .npy of the same shape. --with lists augmentations in order, comma-separated, \
            each optionally with parameters: rotate, translate(width=1), smear(strength=0.1, \
            pt-min=0.1), collinear-fill, collinear-split(max-splits=20, min-pt=0), \
            merge(max-delta-r=0.05, strength=0.2, min-particles=10), crop(amount=10, \
            min-particles=10), boost(max-beta=0.002), pt-dropout(sigma=S), \
            input-dropout(probability=P), four-vector-scale(sigma=S), four-vector-smear(sigma=S), \
            four-vector-shift(sigma=S). Each jet draws from its own stream of --seed, so the \
            output does not depend on the number of threads.
            Examples:
              jetnet augment g.npy --with rotate,collinear-split,smear --seed 1 --out g-aug.npy
              jetnet augment qg.npy --frame absolute --eta 1 --phi 2 --pt 0 --no-mask \\
                --with "smear(pt-min=0.5),crop" --seed 3 --out qg-aug.npy
            """)

    @Argument(help: "Jets file (.npy, .npz, .hdf5, .h5).")
    var file: String

    @Option(help: "Array name in a .npz, or dataset path in an HDF5 file (default particle_features).")
    var key: String?

    @Option(name: .customLong("with"), help: "Augmentations in order, e.g. rotate,collinear-split,smear.")
    var augmentations: String

    @Option(help: "Seed of the per-jet random streams.")
    var seed: UInt64 = 0

    @Option(help: "Coordinates: relative (etarel, phirel, ptrel), absolute (eta, phi, pt in GeV) or cartesian (E, px, py, pz).")
    var frame: ParticleLayout.Frame = .relative

    @Option(help: "Feature index of eta (relative/absolute; default 0).")
    var eta: Int = 0
    @Option(help: "Feature index of phi (default 1).")
    var phi: Int = 1
    @Option(help: "Feature index of pt (default 2).")
    var pt: Int = 2
    @Option(help: "Feature indices of E, px, py, pz for --frame cartesian (default 0,1,2,3).")
    var momentum: String = "0,1,2,3"
    @Option(help: "Feature index of the mask (default 3 when there are at least 4 features).")
    var mask: Int?
    @Flag(help: "There is no mask feature: a particle is real when its pt is positive.")
    var noMask = false

    @Option(help: "Jet pt in GeV that converts ptrel to GeV for the GeV parameters (relative frame).")
    var jetPT: Double = 1000

    @Option(help: "Output .npy file.")
    var out: String

    func validate() throws {
        do { _ = try AugmentationPipeline(parsing: augmentations) } catch let error as PhysicsError {
            throw ValidationError(error.errorDescription ?? "\(error)")
        }
        guard momentumIndices != nil else { throw ValidationError("--momentum must be four comma-separated indices, e.g. 0,1,2,3.") }
        guard jetPT > 0, jetPT.isFinite else { throw ValidationError("--jet-pt must be a positive number of GeV.") }
        guard URL(fileURLWithPath: out).standardizedFileURL != URL(fileURLWithPath: file).standardizedFileURL else {
            throw ValidationError("--out must differ from the input file.")
        }
    }

    var momentumIndices: [Int]? {
        let values = momentum.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return values.count == 4 ? values : nil
    }

    /// The layout the flags describe, with the mask defaulting to feature 3 when there is one.
    func layout(features: Int) -> ParticleLayout {
        let maskIndex = noMask ? nil : mask ?? (frame != .cartesian && features >= 4 ? 3 : nil)
        switch frame {
        case .relative: return .relative(eta: eta, phi: phi, pt: pt, mask: maskIndex, jetPT: jetPT)
        case .absolute: return .absolute(eta: eta, phi: phi, pt: pt, mask: maskIndex)
        case .cartesian:
            let m = momentumIndices ?? [0, 1, 2, 3]
            return .cartesian(energy: m[0], px: m[1], py: m[2], pz: m[3], mask: noMask ? nil : mask)
        }
    }

    func run() throws {
        let outURL = try CommandFiles.output(out, option: "--out", inputs: [file])
        let pipeline = try AugmentationPipeline(parsing: augmentations)
        let jets = try ArrayFile.readJets(try CommandFiles.input(file, "the jets file"), key: key)
        let augmented = try pipeline.apply(to: jets, layout: layout(features: jets.shape.last ?? 0), seed: seed)
        // NPYFile.write goes through AtomicFile: a temporary beside the target, renamed when complete.
        try NPYFile.write(augmented, to: outURL)
        print("wrote \(out): float32 \(augmented.shape), \(pipeline), seed \(seed)")
    }
}

extension ParticleLayout.Frame: ExpressibleByArgument {}
