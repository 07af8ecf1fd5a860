import Foundation
import JetNetCore
import JetNetIO

/// A DataFrame written by pandas `to_hdf(key, format="fixed")`, read by column name.
///
/// pandas stores the column names in `<key>/axis0` and the values in one block per dtype:
/// `<key>/blockN_items` names the block's columns and `<key>/blockN_values` holds them as
/// `[rows, items]`. Columns are found by name, never by position.
struct PandasFixedTable {
    let url: URL
    let file: HDF5File
    let rows: Int
    /// The column names in the frame's order.
    let columnNames: [String]
    /// For each column name: its block and column within the block.
    private let location: [String: (block: Int, column: Int)]
    private let blockValues: [String]

    /// Opens `key` in the file and maps its columns.
    /// - Throws: ``DatasetError/corruptFile(path:reason:)`` when it is not a pandas fixed-format frame.
    init(url: URL, key: String = "table") throws {
        self.url = url
        do {
            file = try HDF5File(url: url)
            columnNames = try file.readStrings("\(key)/axis0")
            var location = [String: (block: Int, column: Int)]()
            var blockValues = [String]()
            var rows: Int?
            let paths = Set(try file.datasetPaths().map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 })
            var block = 0
            while paths.contains("\(key)/block\(block)_items") {
                let items = try file.readStrings("\(key)/block\(block)_items")
                let valuesName = "\(key)/block\(block)_values"
                let shape = try file.info(valuesName).shape
                guard shape.count == 2, shape[1] == items.count, rows == nil || rows == shape[0] else {
                    throw DatasetError.corruptFile(path: url.path, reason: "\(valuesName) has shape \(shape) for \(items.count) items")
                }
                rows = shape[0]
                for (column, name) in items.enumerated() { location[name] = (block, column) }
                blockValues.append(valuesName)
                block += 1
            }
            guard let rows, block > 0 else {
                throw DatasetError.corruptFile(path: url.path, reason: "no pandas value blocks under /\(key)")
            }
            self.rows = rows
            self.location = location
            self.blockValues = blockValues
        } catch let error as DatasetError {
            throw error
        } catch {
            throw DatasetError.corruptFile(path: url.path, reason: (error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
    }

    /// Reads whole blocks as float32 `[rows, items]`, each once, and returns a column accessor.
    func columns(_ names: [String]) throws -> [(block: NDArray<Float>, column: Int)] {
        var cache = [Int: NDArray<Float>]()
        return try names.map { name in
            guard let (block, column) = location[name] else {
                throw DatasetError.corruptFile(path: url.path, reason: "column \(name) is missing")
            }
            if cache[block] == nil {
                do { cache[block] = try file.read(blockValues[block], as: Float.self) } catch {
                    throw DatasetError.corruptFile(path: url.path, reason: (error as? LocalizedError)?.errorDescription ?? "\(error)")
                }
            }
            return (cache[block]!, column)
        }
    }
}
