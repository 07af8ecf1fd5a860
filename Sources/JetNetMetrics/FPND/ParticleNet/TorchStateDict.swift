import Foundation
import JetNetCore

/// The tensors of a PyTorch `state_dict()` saved with `torch.save`, read without PyTorch.
///
/// Both of `torch.save`'s formats are read: the zip archive of PyTorch ≥ 1.6
/// (`<name>/data.pkl` plus one raw storage per `<name>/data/<key>` entry) and the older
/// "legacy" stream that jetnet's `pnet_state_dict.pt` uses (magic number, protocol version and
/// system-info pickles, the state-dict pickle, the storage-key list, then each storage as an
/// 8-byte element count and its raw little-endian bytes). Only what a state dict needs is
/// understood (tensors in a possibly nested `OrderedDict`); anything else is refused with an
/// error rather than executed.
///
/// ```swift
/// let weights = try TorchStateDict(contentsOf: URL(fileURLWithPath: "my_particlenet.pt"))
/// let net = try ParticleNet(stateDict: weights)
/// ```
public struct TorchStateDict: Sendable {
    /// The tensors by their state-dict name (`"fc1.0.weight"`), in the file's element type:
    /// `Float` and `Double` tensors as stored, half and bfloat16 widened to `Float`, integer
    /// tensors (`num_batches_tracked`) as `Int64`/`Int32`, bool and byte tensors as stored.
    public var tensors: [String: AnyNDArray]
    /// The tensor names in the order the file lists them.
    public var names: [String]

    /// Makes a state dict from tensors.
    ///
    /// - Parameters:
    ///   - tensors: the tensors by name, each of any shape.
    ///   - names: the order of the names; by default the sorted keys of `tensors`.
    public init(tensors: [String: AnyNDArray], names: [String]? = nil) {
        self.tensors = tensors
        self.names = names ?? tensors.keys.sorted()
    }

    /// Reads a file written by `torch.save(model.state_dict(), path)`.
    ///
    /// - Parameter url: the `.pt`/`.pth` file.
    /// - Throws: ``MetricError/badResource(path:reason:)`` when the file cannot be read, is not a
    ///   PyTorch file, uses pickle features a state dict does not need, or lacks a storage.
    public init(contentsOf url: URL) throws(MetricError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .badResource(path: url.path, reason: "the file cannot be read (\(error.localizedDescription))")
        }
        try self.init(bytes: [UInt8](data), path: url.path)
    }

    /// Reads the bytes of a file written by `torch.save(model.state_dict(), …)`.
    ///
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - path: the name to use in error messages.
    /// - Throws: ``MetricError/badResource(path:reason:)`` as ``init(contentsOf:)``.
    public init(bytes: [UInt8], path: String = "state dict") throws(MetricError) {
        do throws(PickleMachine.Failure) {
            if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                self = try Self.readZip(bytes, path: path)
            } else if bytes.starts(with: [0x80]) {
                self = try Self.readLegacy(bytes)
            } else {
                throw PickleMachine.Failure(
                    reason: "it is neither a zip archive nor a pickle stream, so not a file torch.save wrote")
            }
        } catch {
            throw .badResource(path: path, reason: error.reason)
        }
    }

    /// The tensor `name` as `Float`, converted if it is stored with another element type.
    ///
    /// - Parameter name: the state-dict key, e.g. `"fc1.0.weight"`.
    /// - Returns: the tensor, in the shape it was saved with.
    /// - Throws: ``MetricError/badResource(path:reason:)`` when there is no such tensor.
    public func floatTensor(_ name: String) throws(MetricError) -> NDArray<Float> {
        guard let tensor = tensors[name] else {
            throw .badResource(path: "state dict", reason: "it has no tensor '\(name)'")
        }
        return tensor.converted(to: Float.self)
    }

    // MARK: - The two file formats

    /// The pre-1.6 format: five pickles/blocks one after the other.
    private static func readLegacy(_ bytes: [UInt8]) throws(PickleMachine.Failure) -> TorchStateDict {
        var machine = PickleMachine(bytes: bytes)
        let magic = try machine.run()
        // 0x1950a86a20f9469cfc6c, little-endian, as LONG1 writes it.
        let expectedMagic: [UInt8] = [0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]
        guard case .bigInt(let magicBytes) = magic, magicBytes == expectedMagic else {
            throw PickleMachine.Failure(reason: "it does not start with PyTorch's magic number, so it is not a torch.save file")
        }
        guard case .int(1001) = try machine.run() else {
            throw PickleMachine.Failure(reason: "its legacy protocol version is not 1001")
        }
        let systemInfo = try machine.run()
        if case .dict(let info) = systemInfo,
            let endian = info.items.first(where: { if case .string("little_endian") = $0.key { true } else { false } }),
            case .bool(false) = endian.value
        {
            throw PickleMachine.Failure(reason: "it was saved on a big-endian machine, which is not supported")
        }
        let root = try machine.run()
        guard case .list(let keyList) = try machine.run() else {
            throw PickleMachine.Failure(reason: "the storage-key list after the state dict is missing")
        }
        var storages: [String: [UInt8]] = [:]
        var position = machine.position
        let storageTypes = collectStorages(root)
        for keyValue in keyList.items {
            guard case .string(let key) = keyValue else {
                throw PickleMachine.Failure(reason: "a storage key is not a string")
            }
            guard let storage = storageTypes[key] else {
                throw PickleMachine.Failure(reason: "storage '\(key)' is listed but no tensor uses it")
            }
            guard bytes.count - position >= 8 else {
                throw PickleMachine.Failure(reason: "the file ends before storage '\(key)'")
            }
            var count: UInt64 = 0
            for index in 0..<8 { count |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
            position += 8
            let elementSize = try TorchStorageType(name: storage.typeName).elementSize
            guard count < UInt64(Int.max / 16), Int(count) * elementSize <= bytes.count - position else {
                throw PickleMachine.Failure(reason: "the file ends inside storage '\(key)' (\(count) elements announced)")
            }
            let byteCount = Int(count) * elementSize
            storages[key] = Array(bytes[position..<position + byteCount])
            position += byteCount
        }
        return try assemble(root, storages: storages)
    }

    // MARK: - From pickled values to arrays

    /// Every storage the tensors refer to, by key.
    static func collectStorages(_ value: PickleValue) -> [String: PickleStorage] {
        var result: [String: PickleStorage] = [:]
        func visit(_ value: PickleValue) {
            switch value {
            case .tensor(let tensor): result[tensor.storage.key] = tensor.storage
            case .dict(let dict): dict.items.forEach { visit($0.value) }
            case .list(let list): list.items.forEach(visit)
            case .tuple(let items): items.forEach(visit)
            default: break
            }
        }
        visit(value)
        return result
    }

    /// Flattens the (possibly nested) dict of tensors into `name -> array`, joining nested keys
    /// with dots as `load_state_dict` does.
    static func assemble(
        _ root: PickleValue, storages: [String: [UInt8]]
    ) throws(PickleMachine.Failure) -> TorchStateDict {
        guard case .dict(let dict) = root else {
            throw PickleMachine.Failure(reason: "it holds a \(root.kind), not a state dict (an OrderedDict of tensors)")
        }
        var tensors: [String: AnyNDArray] = [:]
        var names: [String] = []
        func visit(_ dict: PickleDict, prefix: String) throws(PickleMachine.Failure) {
            for (key, value) in dict.items {
                guard case .string(let name) = key else {
                    throw PickleMachine.Failure(reason: "a state-dict key is a \(key.kind), not a string")
                }
                switch value {
                case .tensor(let tensor):
                    guard let raw = storages[tensor.storage.key] else {
                        throw PickleMachine.Failure(reason: "the storage of tensor '\(prefix + name)' is missing")
                    }
                    tensors[prefix + name] = try materialise(tensor, raw: raw, name: prefix + name)
                    names.append(prefix + name)
                case .dict(let nested):
                    try visit(nested, prefix: prefix + name + ".")
                default:
                    throw PickleMachine.Failure(reason: "entry '\(prefix + name)' is a \(value.kind), not a tensor")
                }
            }
        }
        try visit(dict, prefix: "")
        return TorchStateDict(tensors: tensors, names: names)
    }

    /// Copies a (possibly strided) view of raw little-endian storage into a row-major array.
    private static func materialise(
        _ tensor: PickleTensor, raw: [UInt8], name: String
    ) throws(PickleMachine.Failure) -> AnyNDArray {
        let type = try TorchStorageType(name: tensor.storage.typeName)
        let available = raw.count / type.elementSize
        let count = tensor.shape.reduce(1, *)
        // The furthest element the view touches must lie inside the storage.
        let last = tensor.offset + zip(tensor.shape, tensor.strides).reduce(0) { $0 + max($1.0 - 1, 0) * $1.1 }
        guard count == 0 || last < available else {
            throw PickleMachine.Failure(
                reason: "tensor '\(name)' of shape \(tensor.shape) reaches element \(last) of a storage of \(available)")
        }
        var sourceIndices = [Int](repeating: tensor.offset, count: count)
        var step = 1
        for axis in stride(from: tensor.shape.count - 1, through: 0, by: -1) {
            let extent = tensor.shape[axis]
            for flat in 0..<count {
                sourceIndices[flat] += ((flat / step) % max(extent, 1)) * tensor.strides[axis]
            }
            step *= max(extent, 1)
        }
        return type.decode(raw, at: sourceIndices, shape: tensor.shape)
    }
}

/// PyTorch's storage classes, as named in pickles.
private enum TorchStorageType {
    case float32, float64, float16, bfloat16, int64, int32, int16, int8, uint8, bool

    init(name: String) throws(PickleMachine.Failure) {
        switch name {
        case "FloatStorage": self = .float32
        case "DoubleStorage": self = .float64
        case "HalfStorage": self = .float16
        case "BFloat16Storage": self = .bfloat16
        case "LongStorage": self = .int64
        case "IntStorage": self = .int32
        case "ShortStorage": self = .int16
        case "CharStorage": self = .int8
        case "ByteStorage": self = .uint8
        case "BoolStorage": self = .bool
        default: throw PickleMachine.Failure(reason: "storage type \(name) is not supported")
        }
    }

    var elementSize: Int {
        switch self {
        case .float64, .int64: 8
        case .float32, .int32: 4
        case .float16, .bfloat16, .int16: 2
        case .int8, .uint8, .bool: 1
        }
    }

    /// The elements at `indices` of the raw little-endian storage.
    func decode(_ raw: [UInt8], at indices: [Int], shape: [Int]) -> AnyNDArray {
        raw.withUnsafeBytes { buffer in
            func load<T: FixedWidthInteger>(_: T.Type, _ index: Int) -> T {
                T(littleEndian: buffer.loadUnaligned(fromByteOffset: index * MemoryLayout<T>.size, as: T.self))
            }
            switch self {
            case .float32:
                return .float32(NDArray(shape: shape, storage: indices.map { Float(bitPattern: load(UInt32.self, $0)) }))
            case .float64:
                return .float64(NDArray(shape: shape, storage: indices.map { Double(bitPattern: load(UInt64.self, $0)) }))
            case .float16:
                return .float32(NDArray(shape: shape, storage: indices.map { Self.halfToFloat(load(UInt16.self, $0)) }))
            case .bfloat16:
                return .float32(NDArray(shape: shape, storage: indices.map { Float(bitPattern: UInt32(load(UInt16.self, $0)) << 16) }))
            case .int64:
                return .int64(NDArray(shape: shape, storage: indices.map { Int64(bitPattern: load(UInt64.self, $0)) }))
            case .int32:
                return .int32(NDArray(shape: shape, storage: indices.map { Int32(bitPattern: load(UInt32.self, $0)) }))
            case .int16:
                return .int32(NDArray(shape: shape, storage: indices.map { Int32(Int16(bitPattern: load(UInt16.self, $0))) }))
            case .int8:
                return .int32(NDArray(shape: shape, storage: indices.map { Int32(Int8(bitPattern: raw[$0])) }))
            case .uint8:
                return .uint8(NDArray(shape: shape, storage: indices.map { raw[$0] }))
            case .bool:
                return .bool(NDArray(shape: shape, storage: indices.map { raw[$0] != 0 }))
            }
        }
    }

    /// IEEE half to single precision, subnormals included.
    private static func halfToFloat(_ bits: UInt16) -> Float {
        let sign: Float = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Float(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}

