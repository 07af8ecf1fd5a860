import ArgumentParser
import Foundation
import JetNet

/// `jetnet image FILE`: draw one jet, or the average of many, as a PNG.
struct ImageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Draw a jet image (pt-weighted eta-phi histogram, jetnet's to_image) as a PNG.",
        discussion: """
            FILE holds jets [jets, particles, features] (or one jet [particles, features]) in JetNet
            order [etarel, phirel, ptrel, (mask)]: a .npy, a .npz (--key) or a JetNet .hdf5
            (--key, default particle_features). Eta runs upwards, phi to the right.
            """)

    @Argument(help: "A .npy, .npz, .hdf5 or .h5 file of jets.")
    var file: String

    @Option(help: "The array's name in a .npz or HDF5 file.")
    var key: String?

    @Option(help: "The jet to draw (index on the first axis).")
    var jet: Int = 0

    @Flag(help: "Draw the average image of the jets instead of one jet.")
    var average = false

    @Option(help: "With --average: use only the first N jets (default: all).")
    var jets: Int?

    @Option(help: "Pixels per row and column of the histogram.")
    var size: Int = 25

    @Option(name: .customLong("max-r"), help: "Half-width of the image in eta and phi.")
    var maxR: Double = 0.4

    @Flag(help: "Use the fourth feature as the particle mask (jetnet's to_image mask).")
    var mask = false

    @Option(help: "Colour map: \(ColorMap.allCases.map(\.rawValue).joined(separator: ", ")).")
    var colormap: ColorMap = .viridis

    @Flag(help: "Logarithmic intensity scale.")
    var log = false

    @Option(help: "Screen pixels drawn per histogram bin.")
    var scale: Int = 16

    @Option(help: "The PNG file to write.")
    var out: String

    @Option(help: "Also write the image values (float64 [size, size]) to this .npy.")
    var npy: String?

    func validate() throws {
        if size < 1 || size > 4096 { throw ValidationError("--size must be between 1 and 4096, got \(size)") }
        if let jets, jets > 100_000_000 { throw ValidationError("--jets must be at most 100000000, got \(jets)") }
        if !(maxR > 0) || !maxR.isFinite { throw ValidationError("--max-r must be a positive number, got \(maxR)") }
        if scale < 1 || scale > 256 { throw ValidationError("--scale must be between 1 and 256, got \(scale)") }
        if jet < 0 { throw ValidationError("--jet must be non-negative, got \(jet)") }
        if let jets, jets < 1 { throw ValidationError("--jets must be at least 1, got \(jets)") }
        if average && jet != 0 { throw ValidationError("--jet and --average exclude each other") }
    }

    func run() throws {
        let input = try CommandFiles.input(file, "the jets file")
        let output = try CommandFiles.output(out, option: "--out", inputs: [file])
        let npyOutput = try npy.map { try CommandFiles.output($0, option: "--npy", inputs: [file]) }
        var array = try ArrayFile.readJets(input, key: key)
        if array.rank == 2 { array = array.reshaped([1] + array.shape) }
        try InputPolicy.checkJets(array, name: file, hasMask: mask)
        guard array.rank == 3, array.shape[2] >= 3 else {
            throw ValidationError("\(file): expected jets [jets, particles, features >= 3], got shape \(array.shape)")
        }
        if mask && array.shape[2] < 4 {
            throw ValidationError("--mask needs a fourth feature (the mask); \(file) has shape \(array.shape)")
        }
        let count = array.shape[0]
        let selected: NDArray<Float>
        if average {
            selected = array.rows(0..<min(count, jets ?? count))
        } else {
            guard jet < count else { throw ValidationError("--jet \(jet) is out of range: \(file) holds \(count) jets") }
            selected = array.rows(jet..<(jet + 1))
        }
        guard selected.shape[0] > 0 else { throw ValidationError("\(file) holds no jets") }
        let masks = mask ? selected.selectingLast([3]).reshaped([selected.shape[0], selected.shape[1]]) : nil
        do { try MemoryBudget.require(MemoryBudget.bytes(selected.shape[0], size, size, 8), for: "--size \(size) for \(selected.shape[0]) jets") } catch {
            throw ValidationError(error.errorDescription ?? "\(error)")
        }
        let images = try JetImage.images(selected.selectingLast([0, 1, 2]), size: size, mask: masks, maxR: maxR)
        var sum = [Double](repeating: 0, count: size * size)
        for n in 0..<images.shape[0] {
            for p in 0..<(size * size) { sum[p] += images.storage[n * size * size + p] }
        }
        let image = NDArray(shape: [size, size], storage: sum.map { $0 / Double(images.shape[0]) })
        try PNGEncoder.write(image, to: output, colorMap: colormap, logScale: log, pixelSize: scale)
        if let npyOutput { try NPYFile.write(image, to: npyOutput) }
        let what = average ? "average of \(images.shape[0]) jets" : "jet \(jet)"
        print("wrote \(out): \(what), \(size)x\(size) bins, |eta|, |phi| <= \(maxR), pt sum \(sum.reduce(0, +) / Double(images.shape[0]))")
    }
}

extension ColorMap: ExpressibleByArgument {}
