/// Turns the data bytes of an `.npy` file into an ``AnyNDArray``.
///
/// Native little-endian data goes straight into the array's storage with one copy (`fill`
/// writes into it); other layouts go through a byte buffer and are converted per element.
enum NPYDecoder {
    /// Decodes the data announced by `header`.
    ///
    /// - Parameters:
    ///   - header: the parsed header.
    ///   - fill: copies exactly `header.dataByteCount` bytes into the buffer it is given.
    static func decode(
        _ header: NPYHeader, fill: (UnsafeMutableRawBufferPointer) throws -> Void
    ) rethrows -> AnyNDArray {
        let stored = header.storedType
        // A Fortran-order array is the C-order array of the reversed shape, transposed.
        let diskShape = header.fortranOrder ? Array(header.shape.reversed()) : header.shape
        var array: AnyNDArray
        if stored.isNative {
            switch stored.readType {
            case .float32: array = .float32(try bulk(Float.self, diskShape, fill))
            case .float64: array = .float64(try bulk(Double.self, diskShape, fill))
            case .int32: array = .int32(try bulk(Int32.self, diskShape, fill))
            case .int64: array = .int64(try bulk(Int64.self, diskShape, fill))
            case .uint8: array = .uint8(try bulk(UInt8.self, diskShape, fill))
            case .bool: array = .bool(try bulkBool(diskShape, fill))
            }
        } else {
            let bytes = try [UInt8](unsafeUninitializedCapacity: header.dataByteCount) { buffer, initialized in
                try fill(UnsafeMutableRawBufferPointer(buffer))
                initialized = header.dataByteCount
            }
            array = bytes.withUnsafeBytes { convert($0, stored: stored, shape: diskShape) }
        }
        if header.fortranOrder && header.shape.count > 1 {
            array = array.reversingAxes()
        }
        return array
    }

    private static func bulk<T: NDArrayElement>(
        _: T.Type, _ shape: [Int], _ fill: (UnsafeMutableRawBufferPointer) throws -> Void
    ) rethrows -> NDArray<T> {
        try NDArray<T>(shape: shape, bulkFilling: fill)
    }

    /// Booleans must be exactly 0 or 1 in memory; numpy treats any non-zero byte as true.
    private static func bulkBool(
        _ shape: [Int], _ fill: (UnsafeMutableRawBufferPointer) throws -> Void
    ) rethrows -> NDArray<Bool> {
        try NDArray<Bool>(shape: shape, unsafeUninitializedCapacity: { buffer in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            try fill(raw)
            for index in raw.indices where raw[index] > 1 { raw[index] = 1 }
        })
    }

    private static func convert(_ bytes: UnsafeRawBufferPointer, stored: NPYStoredType, shape: [Int]) -> AnyNDArray {
        let swap = stored.bigEndian == isLittleEndianHost
        switch (stored.kind, stored.size) {
        case (.float, 4):
            return .float32(elements(bytes, shape, swap, UInt32.self) { Float(bitPattern: $0) })
        case (.float, _):
            return .float64(elements(bytes, shape, swap, UInt64.self) { Double(bitPattern: $0) })
        case (.signed, 1):
            return .int32(elements(bytes, shape, swap, Int8.self) { Int32($0) })
        case (.signed, 2):
            return .int32(elements(bytes, shape, swap, Int16.self) { Int32($0) })
        case (.signed, 4):
            return .int32(elements(bytes, shape, swap, Int32.self) { $0 })
        case (.signed, _):
            return .int64(elements(bytes, shape, swap, Int64.self) { $0 })
        case (.unsigned, 1):
            return .uint8(elements(bytes, shape, swap, UInt8.self) { $0 })
        case (.unsigned, 2):
            return .int32(elements(bytes, shape, swap, UInt16.self) { Int32($0) })
        case (.unsigned, _):
            return .int64(elements(bytes, shape, swap, UInt32.self) { Int64($0) })
        case (.bool, _):
            return .bool(elements(bytes, shape, swap, UInt8.self) { $0 != 0 })
        }
    }

    private static func elements<Raw: FixedWidthInteger, T: NDArrayElement>(
        _ bytes: UnsafeRawBufferPointer, _ shape: [Int], _ swap: Bool, _: Raw.Type, _ make: (Raw) -> T
    ) -> NDArray<T> {
        NDArray<T>(shape: shape, unsafeUninitializedCapacity: { out in
            let stride = MemoryLayout<Raw>.size
            for index in out.indices {
                let raw = bytes.loadUnaligned(fromByteOffset: index * stride, as: Raw.self)
                out.initializeElement(at: index, to: make(swap ? raw.byteSwapped : raw))
            }
        })
    }
}
