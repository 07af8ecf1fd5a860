import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

extension CaloGeometry {
    /// Reads a CaloChallenge binning file (`binning_dataset_*.xml`):
    /// `<Bins><Bin name="photon" ...><Layer id="0" r_edges="0,5,10" n_bin_alpha="1"/>...</Bin></Bins>`.
    ///
    /// - Parameters:
    ///   - xml: the file's bytes.
    ///   - particle: the `Bin` to read by its `name` (`photon`, `pion`, `electron`), as the
    ///     official `XMLHandler` checks it.
    ///   - source: a name for error messages (the file's path).
    /// - Throws: ``CaloError/badBinning(source:reason:)`` for malformed XML, a missing particle
    ///   or bad attributes.
    public init(xml: Data, particle: String, source: String = "binning XML") throws {
        let reader = BinningReader(particle: particle)
        let parser = XMLParser(data: xml)
        parser.delegate = reader
        guard parser.parse() else {
            throw CaloError.badBinning(source: source, reason: "not well-formed XML (\(parser.parserError?.localizedDescription ?? "unknown error"))")
        }
        if let problem = reader.problem { throw CaloError.badBinning(source: source, reason: problem) }
        guard reader.foundParticle else {
            throw CaloError.badBinning(source: source, reason: "no <Bin name=\"\(particle)\">; found \(reader.particles)")
        }
        do {
            try self.init(particle: particle, layers: reader.layers)
        } catch CaloError.badBinning(_, let reason) {
            throw CaloError.badBinning(source: source, reason: reason)
        }
    }

    /// Reads a binning XML file from disk (see ``init(xml:particle:source:)``).
    /// - Throws: ``CaloError/unreadableFile(path:reason:)`` or ``CaloError/badBinning(source:reason:)``.
    public init(contentsOf url: URL, particle: String) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CaloError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        try self.init(xml: data, particle: particle, source: url.path)
    }
}

/// Collects the `Layer` elements of one `Bin` (XMLParser's delegate; used on one thread).
private final class BinningReader: NSObject, XMLParserDelegate {
    let particle: String
    var layers: [CaloLayer] = []
    var particles: [String] = []
    var foundParticle = false
    var problem: String?
    private var inParticle = false

    init(particle: String) { self.particle = particle }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "Bin":
            let binName = attributes["name"] ?? ""
            particles.append(binName)
            inParticle = binName == particle
            foundParticle = foundParticle || inParticle
        case "Layer" where inParticle:
            guard let idText = attributes["id"], let id = Int(idText.trimmingCharacters(in: .whitespaces)) else {
                return fail("a Layer has no integer id")
            }
            guard let alphaText = attributes["n_bin_alpha"], let alpha = Int(alphaText.trimmingCharacters(in: .whitespaces)) else {
                return fail("layer \(id) has no integer n_bin_alpha")
            }
            let edgeTexts = (attributes["r_edges"] ?? "").split(separator: ",")
            let edges = edgeTexts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !edgeTexts.isEmpty, edges.count == edgeTexts.count else {
                return fail("layer \(id) has r_edges \"\(attributes["r_edges"] ?? "")\"; give comma-separated numbers")
            }
            layers.append(CaloLayer(id: id, radialEdges: edges, alphaBins: alpha))
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "Bin" { inParticle = false }
    }

    private func fail(_ reason: String) {
        if problem == nil { problem = reason }
    }
}
