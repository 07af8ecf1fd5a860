extension CaloDataset {
    /// The histograms of the high-level features in the official binnings
    /// (`evaluate_plotting_helper.py`), in the official order, then the ones its helper
    /// defines but does not run (sparsity, r centres and widths).
    ///
    /// Bins: E_tot/E_inc 100 on [0.5, 1.5]; E_layer 39 log-spaced from the threshold to the
    /// reference's largest value in that layer; centres 100 on +-30 mm (datasets 2, 3) or
    /// +-100 mm (+-500 mm in dataset 1 layers 12 and 13); widths 100 on [0, 30], [0, 100] or
    /// [0, 400]; for dataset 1 also E_tot/E_inc per incident energy, 20 bins on [0.4, 1.4]
    /// ([0.9, 1.1] for photons from the fifth energy on).
    /// - Parameters:
    ///   - reference: the reference sample's features.
    ///   - generated: the generated sample's features.
    /// - Returns: the histograms (the voxel-energy histogram is made while streaming, see
    ///   ``CaloEvaluation``).
    public func featureHistograms(reference: ShowerFeatures, generated: ShowerFeatures) -> [ShowerHistogram] {
        var histograms: [ShowerHistogram] = []
        func ratio(_ f: ShowerFeatures) -> [Double] { (0..<f.count).map { f.totalEnergy[$0] / f.incidentEnergy[$0] } }
        histograms.append(ShowerHistogram(
            name: "Etot / Einc", xLabel: "E_tot / E_inc", edges: linspace(0.5, 1.5, count: 101),
            reference: ratio(reference), generated: ratio(generated)))

        let layerCount = reference.layers.count, alphaCount = reference.alphaLayers.count
        for (column, layer) in reference.layers.enumerated() {
            let r = reference.column(reference.layerEnergy, column, of: layerCount)
            let g = generated.column(generated.layerEnergy, column, of: layerCount)
            let top = r.max() ?? 0
            let name = "E layer \(layer)"
            if top > threshold {
                histograms.append(ShowerHistogram(
                    name: name, xLabel: "E layer \(layer) [MeV]", logX: true,
                    edges: logspace(from: threshold, to: top, count: 40), reference: r, generated: g))
            } else {
                // The official log-spaced bins need a reference maximum above the threshold.
                histograms.append(ShowerHistogram(
                    name: name, xLabel: "E layer \(layer) [MeV]", logX: true, edges: [threshold, threshold * 10],
                    reference: [], generated: []))
            }
        }
        let families: [(String, KeyPath<ShowerFeatures, [Double]>, Bool)] = [
            ("EC Eta", \.centreEta, false), ("EC Phi", \.centrePhi, false),
            ("Width Eta", \.widthEta, true), ("Width Phi", \.widthPhi, true),
        ]
        for (family, path, isWidth) in families {
            for (column, layer) in reference.alphaLayers.enumerated() {
                let limit = centreLimit(layer: layer, width: isWidth)
                histograms.append(ShowerHistogram(
                    name: "\(family) layer \(layer)", xLabel: "\(family) layer \(layer) [mm]",
                    edges: linspace(isWidth ? 0 : -limit, limit, count: 101),
                    reference: reference.column(reference[keyPath: path], column, of: alphaCount),
                    generated: generated.column(generated[keyPath: path], column, of: alphaCount)))
            }
        }
        if isDataset1 {
            let targets = (0..<16).map { pow2(8 + $0) }
            for index in 0..<15 {
                let low = targets[index], high = targets[index + 1]
                let edges = index > 3 && self == .photons1 ? linspace(0.9, 1.1, count: 21) : linspace(0.4, 1.4, count: 21)
                func selected(_ f: ShowerFeatures) -> [Double] {
                    (0..<f.count).filter { f.incidentEnergy[$0] >= low && f.incidentEnergy[$0] < high }
                        .map { f.totalEnergy[$0] / f.incidentEnergy[$0] }
                }
                histograms.append(ShowerHistogram(
                    name: "Etot / Einc at E = \(low)", xLabel: "E_tot / E_inc at E_inc = \(Int(low)) MeV",
                    edges: edges, reference: selected(reference), generated: selected(generated)))
            }
        }
        for (column, layer) in reference.layers.enumerated() {
            histograms.append(ShowerHistogram(
                name: "Sparsity layer \(layer)", xLabel: "fraction of empty voxels, layer \(layer)", official: false,
                edges: linspace(0, 1, count: 21),
                reference: reference.column(reference.sparsity, column, of: layerCount),
                generated: generated.column(generated.sparsity, column, of: layerCount)))
        }
        for (family, path, isWidth) in [("EC r", \ShowerFeatures.centreR, false), ("Width r", \ShowerFeatures.widthR, true)] {
            for (column, layer) in reference.layers.enumerated() {
                let upper: Double = isDataset1 ? ([12, 13, 14].contains(layer) ? 1500 : 500) : (isWidth ? 20 : 42)
                histograms.append(ShowerHistogram(
                    name: "\(family) layer \(layer)", xLabel: "\(family) layer \(layer) [mm]", official: false,
                    edges: linspace(0, upper, count: 101),
                    reference: reference.column(reference[keyPath: path], column, of: layerCount),
                    generated: generated.column(generated[keyPath: path], column, of: layerCount)))
            }
        }
        return histograms
    }

    /// The official range of the eta/phi centre histograms (symmetric) or widths (from 0).
    private func centreLimit(layer: Int, width: Bool) -> Double {
        if !isDataset1 { return 30 }
        if [12, 13].contains(layer) { return width ? 400 : 500 }
        return 100
    }

    /// The voxel-energy bins: 50 log-spaced edges from the threshold to the reference's
    /// largest voxel (nil when no reference voxel exceeds the threshold).
    public func voxelEdges(referenceMaximum: Double) -> [Double]? {
        referenceMaximum > threshold ? logspace(from: threshold, to: referenceMaximum, count: 50) : nil
    }
}

/// 2^exponent as a Double.
private func pow2(_ exponent: Int) -> Double { Double(sign: .plus, exponent: exponent, significand: 1) }
