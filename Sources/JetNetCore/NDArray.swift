/// A dense, row-major (C order) n-dimensional array.
///
/// `NDArray` is a value type: its storage is one contiguous Swift `Array`, so copies are
/// cheap and copy-on-write. Jets are stored as `[jets, particles, features]`, the layout of
/// jetnet's NumPy arrays.
///
/// ```swift
/// var a = NDArray<Float>(shape: [2, 3], repeating: 0)
/// a[1, 2] = 5
/// let firstRow = a.rows(0..<1)          // shape [1, 3]
/// let swapped = a.selectingLast([2, 0])  // shape [2, 2]
/// ```
public struct NDArray<Element: NDArrayElement>: Sendable, Equatable, Hashable {
    /// The extent of each axis.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `storage.count == shape.reduce(1, *)`.
    public private(set) var storage: [Element]

    /// Makes an array of the given shape with every element set to `value`.
    public init(shape: [Int], repeating value: Element) {
        precondition(shape.allSatisfy { $0 >= 0 }, "NDArray: negative extent in shape \(shape)")
        self.shape = shape
        self.storage = Array(repeating: value, count: shape.reduce(1, *))
    }

    /// Makes a zero-filled array of the given shape.
    public init(zeros shape: [Int]) {
        self.init(shape: shape, repeating: .zero)
    }

    /// Wraps row-major storage in the given shape.
    ///
    /// - Precondition: `storage.count` equals the product of `shape`.
    public init(shape: [Int], storage: [Element]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "NDArray: negative extent in shape \(shape)")
        precondition(
            shape.reduce(1, *) == storage.count,
            "NDArray: storage of \(storage.count) elements does not fit shape \(shape)")
        self.shape = shape
        self.storage = storage
    }

    /// Makes a one-dimensional array.
    public init(_ values: [Element]) {
        self.init(shape: [values.count], storage: values)
    }

    /// Fills an array of the given shape by calling `body` with an uninitialised buffer.
    ///
    /// `body` must initialise every element of the buffer.
    @inlinable
    public init(
        shape: [Int],
        unsafeUninitializedCapacity body: (inout UnsafeMutableBufferPointer<Element>) throws -> Void
    ) rethrows {
        let count = shape.reduce(1, *)
        let storage = try [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            try body(&buffer)
            initialized = count
        }
        self.init(shape: shape, storage: storage)
    }

    /// The number of axes.
    @inlinable public var rank: Int { shape.count }

    /// The total number of elements.
    @inlinable public var count: Int { storage.count }

    /// The NumPy type of the elements.
    @inlinable public var dtype: DType { Element.dtype }

    /// Elements between consecutive indices of each axis, in elements (not bytes).
    public var strides: [Int] {
        var result = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            result[axis] = step
            step *= shape[axis]
        }
        return result
    }

    /// Elements in one row of the first axis (the product of the other extents).
    @inlinable public var rowSize: Int { shape.isEmpty ? 1 : shape.dropFirst().reduce(1, *) }

    /// The flat storage offset of a full index.
    @inlinable
    public func offset(of index: [Int]) -> Int {
        precondition(index.count == shape.count, "NDArray: index \(index) has the wrong rank for shape \(shape)")
        var offset = 0
        for axis in 0..<shape.count {
            precondition(index[axis] >= 0 && index[axis] < shape[axis], "NDArray: index \(index) out of bounds for shape \(shape)")
            offset = offset * shape[axis] + index[axis]
        }
        return offset
    }

    /// The element at a full index, one integer per axis.
    public subscript(index: Int...) -> Element {
        get { storage[offset(of: index)] }
        set { storage[offset(of: index)] = newValue }
    }

    /// The element at a full index given as an array.
    public subscript(index index: [Int]) -> Element {
        get { storage[offset(of: index)] }
        set { storage[offset(of: index)] = newValue }
    }

    /// Calls `body` with the contiguous storage.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the contiguous storage, mutably (copying first if shared).
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Element>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }

    /// Applies `transform` to every element, keeping the shape.
    @inlinable
    public func map<T: NDArrayElement>(_ transform: (Element) throws -> T) rethrows -> NDArray<T> {
        NDArray<T>(shape: shape, storage: try storage.map(transform))
    }

    /// The array with the same elements in a new shape; one extent may be `-1` (inferred).
    ///
    /// - Precondition: the new shape holds the same number of elements.
    public func reshaped(_ newShape: [Int]) -> NDArray {
        var resolved = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "NDArray: cannot reshape \(shape) to \(newShape)")
            resolved[unknown] = count / known
        }
        return NDArray(shape: resolved, storage: storage)
    }

    /// Rows `range` of the first axis, as a new array.
    public func rows(_ range: Range<Int>) -> NDArray {
        precondition(rank >= 1, "NDArray: rows(_:) needs rank >= 1")
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[0], "NDArray: rows \(range) out of bounds for \(shape[0]) rows")
        var newShape = shape
        newShape[0] = range.count
        let size = rowSize
        return NDArray(shape: newShape, storage: Array(storage[(range.lowerBound * size)..<(range.upperBound * size)]))
    }

    /// Rows of the first axis at `indices`, in that order (NumPy's `a[indices]`).
    public func gatheringRows<Indices: Collection>(_ indices: Indices) -> NDArray where Indices.Element: BinaryInteger {
        precondition(rank >= 1, "NDArray: gatheringRows(_:) needs rank >= 1")
        let size = rowSize
        let rows = shape[0]
        var newShape = shape
        newShape[0] = indices.count
        return NDArray(shape: newShape, unsafeUninitializedCapacity: { out in
            storage.withUnsafeBufferPointer { source in
                var position = 0
                for index in indices {
                    let row = Int(index)
                    precondition(row >= 0 && row < rows, "NDArray: row \(row) out of bounds for \(rows) rows")
                    let base = out.baseAddress! + position
                    base.initialize(from: source.baseAddress! + row * size, count: size)
                    position += size
                }
            }
        })
    }

    /// The array with the last axis reduced to `columns`, in that order (NumPy's `a[..., columns]`).
    public func selectingLast(_ columns: [Int]) -> NDArray {
        precondition(rank >= 1, "NDArray: selectingLast(_:) needs rank >= 1")
        let width = shape[rank - 1]
        precondition(columns.allSatisfy { $0 >= 0 && $0 < width }, "NDArray: columns \(columns) out of bounds for last axis of \(width)")
        let outer = width == 0 ? 0 : count / width
        var newShape = shape
        newShape[rank - 1] = columns.count
        return NDArray(shape: newShape, unsafeUninitializedCapacity: { out in
            storage.withUnsafeBufferPointer { source in
                var position = 0
                for row in 0..<outer {
                    let base = row * width
                    for column in columns {
                        (out.baseAddress! + position).initialize(to: source[base + column])
                        position += 1
                    }
                }
            }
        })
    }

    /// The arrays joined along the first axis (NumPy's `np.concatenate(arrays, axis=0)`).
    ///
    /// - Precondition: all arrays have the same extents on every axis but the first.
    public static func concatenate(_ arrays: [NDArray]) -> NDArray {
        precondition(!arrays.isEmpty, "NDArray.concatenate needs at least one array")
        let tail = Array(arrays[0].shape.dropFirst())
        precondition(arrays.allSatisfy { $0.rank >= 1 && Array($0.shape.dropFirst()) == tail },
                     "NDArray.concatenate: shapes \(arrays.map(\.shape)) differ beyond the first axis")
        var storage = [Element]()
        storage.reserveCapacity(arrays.reduce(0) { $0 + $1.count })
        for array in arrays { storage.append(contentsOf: array.storage) }
        return NDArray(shape: [arrays.reduce(0) { $0 + $1.shape[0] }] + tail, storage: storage)
    }

    /// The array converted to another element type with NumPy's `astype` semantics.
    public func converted<T: NDArrayElement>(to type: T.Type = T.self) -> NDArray<T> {
        if let same = self as? NDArray<T> { return same }
        return NDArray<T>(shape: shape, storage: storage.map { T(converting: $0) })
    }
}

extension NDArray: CustomStringConvertible {
    /// A short summary: element type, shape and the first few values.
    public var description: String {
        let head = storage.prefix(6).map { "\($0)" }.joined(separator: ", ")
        return "NDArray<\(Element.dtype)>\(shape)[\(head)\(count > 6 ? ", …" : "")]"
    }
}
