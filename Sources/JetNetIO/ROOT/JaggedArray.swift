import JetNetCore

/// A list of variable-length rows stored flat: `values` holds every row one after another and
/// row `i` is `values[offsets[i] ..< offsets[i + 1]]` (awkward-array's layout).
public struct JaggedArray<Element: NDArrayElement>: Sendable, Equatable {
    /// Row boundaries, shape `[rows + 1]`, starting at 0 and non-decreasing.
    public let offsets: [Int]
    /// All rows' values, shape `[offsets.last!]`.
    public let values: [Element]

    /// Wraps offsets and values.
    ///
    /// - Precondition: `offsets` starts at 0, never decreases and ends at `values.count`.
    public init(offsets: [Int], values: [Element]) {
        precondition(offsets.first == 0 && offsets.last == values.count, "JaggedArray: offsets must run from 0 to values.count")
        self.offsets = offsets
        self.values = values
    }

    /// The number of rows.
    public var count: Int { offsets.count - 1 }

    /// The number of values in each row, shape `[rows]`.
    public var counts: [Int] { (0 ..< count).map { offsets[$0 + 1] - offsets[$0] } }

    /// Row `index`'s values.
    public subscript(index: Int) -> ArraySlice<Element> { values[offsets[index] ..< offsets[index + 1]] }

    /// Pads (with zeros) or truncates every row to `length` values.
    ///
    /// - Parameter length: the row length of the result.
    /// - Returns: the padded rows, shape `[rows, length]`, and a mask of shape `[rows, length]`
    ///   that is true where a real value sits.
    public func padded(to length: Int) -> (values: NDArray<Element>, mask: NDArray<Bool>) {
        precondition(length >= 0, "JaggedArray.padded: negative length")
        var out = [Element](repeating: .zero, count: count * length)
        var mask = [Bool](repeating: false, count: count * length)
        for row in 0 ..< count {
            let n = min(length, offsets[row + 1] - offsets[row])
            for j in 0 ..< n {
                out[row * length + j] = values[offsets[row] + j]
                mask[row * length + j] = true
            }
        }
        return (NDArray(shape: [count, length], storage: out), NDArray(shape: [count, length], storage: mask))
    }
}
