extension NDArray {
    /// The array with its axes in reverse order (NumPy's `a.T` for any rank).
    ///
    /// For a matrix this is the transpose; `.npy` files in Fortran order are read as the
    /// C-order array of the reversed shape, then reversed with this.
    public func reversingAxes() -> NDArray {
        guard rank > 1 else { return self }
        let newShape = Array(shape.reversed())
        // Moving one step along output axis k moves sourceStrides[k] in the source.
        let sourceStrides = Array(strides.reversed())
        return NDArray(shape: newShape, unsafeUninitializedCapacity: { out in
            guard !out.isEmpty else { return }
            storage.withUnsafeBufferPointer { source in
                var index = [Int](repeating: 0, count: rank)
                var sourceOffset = 0
                let last = rank - 1
                for position in out.indices {
                    out.initializeElement(at: position, to: source[sourceOffset])
                    // Advance the output index like an odometer, tracking the source offset.
                    var axis = last
                    while axis >= 0 {
                        index[axis] += 1
                        sourceOffset += sourceStrides[axis]
                        if index[axis] < newShape[axis] { break }
                        sourceOffset -= sourceStrides[axis] * newShape[axis]
                        index[axis] = 0
                        axis -= 1
                    }
                }
            }
        })
    }
}

extension AnyNDArray {
    /// The array with its axes in reverse order; see ``NDArray/reversingAxes()``.
    public func reversingAxes() -> AnyNDArray {
        switch self {
        case .float32(let a): .float32(a.reversingAxes())
        case .float64(let a): .float64(a.reversingAxes())
        case .int32(let a): .int32(a.reversingAxes())
        case .int64(let a): .int64(a.reversingAxes())
        case .bool(let a): .bool(a.reversingAxes())
        case .uint8(let a): .uint8(a.reversingAxes())
        }
    }
}
