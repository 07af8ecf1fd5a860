// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "JetNet",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "JetNet", targets: ["JetNet"]),
        .executable(name: "jetnet", targets: ["JetNetCLI"]),
        // The C ABI the Python package `jetnet_swift` loads (python/).
        .library(name: "JetNetCAPI", type: .dynamic, targets: ["JetNetCAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // C libraries from Debian, through pkg-config.
        .systemLibrary(
            name: "CHDF5", pkgConfig: "hdf5",
            providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CLAPACK", pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]),
        .systemLibrary(
            name: "CCompression", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev", "liblzma-dev", "liblz4-dev", "libzstd-dev"])]),

        // Arrays, NumPy files, NumPy-compatible random numbers, logging.
        .target(
            name: "JetNetCore",
            dependencies: [
                "CCompression",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The embedded sample: realistic JetNet-format jets, so everything runs offline.
        .target(name: "JetNetSamples", resources: [.copy("Resources")]),
        // HDF5, ROOT, downloads and checksums.
        .target(name: "JetNetIO", dependencies: ["JetNetCore", "CHDF5", "CCompression"]),
        // Four-vectors, jet features, coordinate transforms, EFPs, images, normalisations.
        .target(name: "JetNetPhysics", dependencies: ["JetNetCore", "CCompression"], resources: [.copy("Resources")]),
        // JetNet, TopTagging, QuarkGluon, JetClass; splits, normalisations, batches.
        .target(name: "JetNetDatasets", dependencies: ["JetNetCore", "JetNetIO", "JetNetPhysics"]),
        // ParticleNet's element-wise and neighbour-search loops, built for AVX-512, AVX2 and
        // baseline CPUs (chosen at load time).
        .target(name: "CParticleNetKernels"),
        // W1M's jet masses and KPD's tile pass, built for AVX-512, AVX2 and baseline CPUs (chosen
        // at load time), all giving the same floats.
        .target(name: "CMetricKernels"),
        // The metric kernels: W1 family, FPD, KPD, EMD with COV/MMD, ParticleNet and FPND.
        .target(
            name: "JetNetMetrics",
            dependencies: ["JetNetCore", "JetNetPhysics", "CBLAS", "CLAPACK", "CParticleNetKernels", "CMetricKernels"],
            resources: [.copy("Resources")]),
        // CaloChallenge showers: files, binnings, high-level features, their evaluation.
        .target(
            name: "JetNetCalorimeter", dependencies: ["JetNetCore", "JetNetIO", "JetNetMetrics"],
            resources: [.copy("Resources")]),
        // Which metrics to run and how, the run, its results, the sensitivity study, text and JSON.
        .target(
            name: "JetNetEvaluation",
            dependencies: ["JetNetCore", "JetNetIO", "JetNetPhysics", "JetNetMetrics", "JetNetSamples"]),
        // The evaluation report: self-contained HTML with inline SVG plots.
        .target(name: "JetNetReport", dependencies: ["JetNetCore", "JetNetPhysics", "JetNetMetrics", "JetNetEvaluation", "JetNetCalorimeter"]),
        // Umbrella: `import JetNet` brings in every module above.
        .target(
            name: "JetNet",
            dependencies: [
                "JetNetCore", "JetNetIO", "JetNetPhysics", "JetNetDatasets", "JetNetMetrics", "JetNetEvaluation",
                "JetNetCalorimeter", "JetNetReport", "JetNetSamples",
            ]),
        // The `jetnet` command-line tool.
        .executableTarget(
            name: "JetNetCLI",
            dependencies: [
                "JetNet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The C ABI for the Python package: `@_cdecl` functions declared in CJetNetCAPI's header.
        .systemLibrary(name: "CJetNetCAPI"),
        .target(
            name: "JetNetCAPI",
            dependencies: ["CJetNetCAPI", "JetNetCore", "JetNetIO", "JetNetPhysics", "JetNetDatasets", "JetNetMetrics"]),
        // Seeded mutation fuzzing of every file reader (tests and scripts/fuzz; not in any product).
        .target(name: "JetNetFuzzing", dependencies: ["JetNetCore", "JetNetIO", "JetNetMetrics"]),
        // `scripts/fuzz`: the fuzzing in child processes, so a crash is counted, not fatal.
        .executableTarget(name: "JetNetFuzz", dependencies: ["JetNetFuzzing"]),
        // Micro-benchmarks of hot kernels (bench/run drives the side-by-side comparison).
        .executableTarget(name: "JetNetBench", dependencies: ["JetNet", "JetNetMetrics"]),
        // The README's tour as a program (CI runs it on the embedded sample).
        .executableTarget(name: "Tour", dependencies: ["JetNet"], path: "Examples/Tour"),

        // Fixture loading, JSON goldens and tolerances shared by the test targets (no Testing).
        .target(name: "JetNetTestSupport", dependencies: ["JetNetCore"], path: "Tests/JetNetTestSupport"),
        .testTarget(name: "JetNetCoreTests", dependencies: ["JetNetCore", "JetNetTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "JetNetIOTests", dependencies: ["JetNetCore", "JetNetIO", "JetNetSamples", "CHDF5", "JetNetTestSupport", "JetNetFuzzing"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "JetNetPhysicsTests", dependencies: ["JetNetCore", "JetNetPhysics", "CCompression", "JetNetTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "JetNetDatasetsTests",
            dependencies: ["JetNetCore", "JetNetIO", "JetNetPhysics", "JetNetDatasets", "JetNetSamples", "JetNetTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "JetNetMetricsTests",
            dependencies: [
                "JetNetCore", "JetNetIO", "JetNetPhysics", "JetNetDatasets", "JetNetMetrics", "JetNetSamples", "CBLAS",
                "CMetricKernels", "CParticleNetKernels", "JetNetTestSupport", "JetNetFuzzing",
            ],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "JetNetCalorimeterTests",
            dependencies: ["JetNetCalorimeter", "JetNetCore", "JetNetIO", "JetNetMetrics", "JetNetSamples", "JetNetTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "JetNetEvaluationTests", dependencies: ["JetNetEvaluation", "JetNetMetrics", "JetNetCore"]),
        .testTarget(
            name: "JetNetReportTests",
            dependencies: ["JetNetCore", "JetNetIO", "JetNetPhysics", "JetNetMetrics", "JetNetEvaluation", "JetNetReport", "JetNetSamples"]),
        .testTarget(name: "JetNetCLITests", dependencies: ["JetNet", "JetNetTestSupport"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
