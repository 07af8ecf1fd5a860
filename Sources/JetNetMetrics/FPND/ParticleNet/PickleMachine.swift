import Foundation

/// A value on the stack of ``PickleMachine``: the small part of Python's object model that
/// PyTorch state dicts use.
///
/// Dicts and lists are reference boxes because a pickle memoises a container and then fills
/// it in place (`EMPTY_DICT`, `BINPUT`, `MARK`, …, `SETITEMS`).
indirect enum PickleValue {
    case none
    case bool(Bool)
    case int(Int64)
    /// A `LONG1`/`LONG4` integer too wide for `Int64`: its little-endian two's-complement bytes.
    case bigInt([UInt8])
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case tuple([PickleValue])
    case list(PickleList)
    case dict(PickleDict)
    /// A `GLOBAL`: a class or function named by module and qualified name.
    case global(module: String, name: String)
    /// A tensor storage named by a persistent id (`BINPERSID`).
    case storage(PickleStorage)
    /// A tensor rebuilt by `torch._utils._rebuild_tensor_v2` or `_rebuild_parameter`.
    case tensor(PickleTensor)
    /// The `MARK` sentinel.
    case mark

    /// A short name of the value's kind for error messages.
    var kind: String {
        switch self {
        case .none: "None"
        case .bool: "bool"
        case .int, .bigInt: "int"
        case .float: "float"
        case .string: "str"
        case .bytes: "bytes"
        case .tuple: "tuple"
        case .list: "list"
        case .dict: "dict"
        case let .global(module, name): "\(module).\(name)"
        case .storage: "storage"
        case .tensor: "tensor"
        case .mark: "mark"
        }
    }
}

/// A Python list being built by a pickle.
final class PickleList {
    var items: [PickleValue] = []
}

/// A Python dict (or `OrderedDict`) being built by a pickle; keeps insertion order.
final class PickleDict {
    var items: [(key: PickleValue, value: PickleValue)] = []
}

/// A storage reference from a persistent id `('storage', torch.FloatStorage, key, location, numel)`.
struct PickleStorage {
    /// The storage class name (`FloatStorage`, `LongStorage`, …).
    var typeName: String
    /// The key naming the raw bytes (`data/<key>` in a zip archive; order in a legacy file).
    var key: String
    /// The number of elements.
    var count: Int
}

/// A tensor view of a storage: `_rebuild_tensor_v2(storage, offset, size, stride, …)`.
struct PickleTensor {
    var storage: PickleStorage
    var offset: Int
    var shape: [Int]
    var strides: [Int]
}

/// A minimal unpickler for the opcodes `torch.save` writes (pickle protocol 2), which builds
/// state dicts without executing anything: the only callables it knows are
/// `collections.OrderedDict` and PyTorch's tensor rebuild functions.
///
/// Any other opcode or callable is an error, so a foreign or hostile pickle is refused rather
/// than half-read.
struct PickleMachine {
    /// Why a pickle could not be read; turned into ``MetricError/badResource(path:reason:)`` by the caller.
    struct Failure: Error {
        var reason: String
    }

    private let bytes: [UInt8]
    /// Where the next opcode is.
    private(set) var position: Int
    private var stack: [PickleValue] = []
    private var memo: [Int: PickleValue] = [:]

    /// Prepares to read the pickle that starts at `position` in `bytes`.
    init(bytes: [UInt8], position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// Runs opcodes up to and including `STOP` and returns the pickled object.
    mutating func run() throws(Failure) -> PickleValue {
        stack.removeAll()
        memo.removeAll()
        while true {
            let start = position
            let opcode = try readByte()
            switch opcode {
            case 0x80:  // PROTO
                let version = try readByte()
                guard version <= 5 else { throw Failure(reason: "pickle protocol \(version) is not supported") }
            case 0x95:  // FRAME (protocol 4): an 8-byte length; frames need no special handling here.
                _ = try readInteger(byteCount: 8)
            case 0x2E:  // STOP
                guard let result = stack.popLast() else { throw Failure(reason: "pickle stopped with an empty stack") }
                return result
            case 0x28: stack.append(.mark)  // MARK
            case 0x4E: stack.append(.none)  // NONE
            case 0x88: stack.append(.bool(true))  // NEWTRUE
            case 0x89: stack.append(.bool(false))  // NEWFALSE
            case 0x4B: stack.append(.int(Int64(try readByte())))  // BININT1
            case 0x4D: stack.append(.int(try readInteger(byteCount: 2)))  // BININT2
            case 0x4A: stack.append(.int(Int64(Int32(truncatingIfNeeded: try readInteger(byteCount: 4)))))  // BININT
            case 0x8A:  // LONG1
                let count = Int(try readByte())
                stack.append(Self.long(try readBytes(count)))
            case 0x8B:  // LONG4
                let count = Int(try readInteger(byteCount: 4))
                stack.append(Self.long(try readBytes(count)))
            case 0x47:  // BINFLOAT: big-endian IEEE double
                let raw = try readBytes(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                stack.append(.float(Double(bitPattern: raw)))
            case 0x58:  // BINUNICODE
                let count = Int(try readInteger(byteCount: 4))
                stack.append(.string(try readString(count)))
            case 0x8C:  // SHORT_BINUNICODE
                let count = Int(try readByte())
                stack.append(.string(try readString(count)))
            case 0x54:  // BINSTRING
                let count = Int(try readInteger(byteCount: 4))
                stack.append(.string(try readString(count)))
            case 0x55:  // SHORT_BINSTRING
                let count = Int(try readByte())
                stack.append(.string(try readString(count)))
            case 0x42:  // BINBYTES
                let count = Int(try readInteger(byteCount: 4))
                stack.append(.bytes(try readBytes(count)))
            case 0x43:  // SHORT_BINBYTES
                let count = Int(try readByte())
                stack.append(.bytes(try readBytes(count)))
            case 0x29: stack.append(.tuple([]))  // EMPTY_TUPLE
            case 0x74: stack.append(.tuple(try popToMark()))  // TUPLE
            case 0x85, 0x86, 0x87:  // TUPLE1, TUPLE2, TUPLE3
                let count = Int(opcode - 0x84)
                guard stack.count >= count else { throw underflow(opcode, at: start) }
                let items = Array(stack.suffix(count))
                stack.removeLast(count)
                stack.append(.tuple(items))
            case 0x5D: stack.append(.list(PickleList()))  // EMPTY_LIST
            case 0x6C:  // LIST
                let list = PickleList()
                list.items = try popToMark()
                stack.append(.list(list))
            case 0x61:  // APPEND
                let item = try pop(opcode, at: start)
                guard case .list(let list) = stack.last else { throw misuse("APPEND", at: start) }
                list.items.append(item)
            case 0x65:  // APPENDS
                let items = try popToMark()
                guard case .list(let list) = stack.last else { throw misuse("APPENDS", at: start) }
                list.items.append(contentsOf: items)
            case 0x7D: stack.append(.dict(PickleDict()))  // EMPTY_DICT
            case 0x64:  // DICT
                let dict = PickleDict()
                try Self.fill(dict, with: try popToMark())
                stack.append(.dict(dict))
            case 0x73:  // SETITEM
                let value = try pop(opcode, at: start)
                let key = try pop(opcode, at: start)
                guard case .dict(let dict) = stack.last else { throw misuse("SETITEM", at: start) }
                dict.items.append((key, value))
            case 0x75:  // SETITEMS
                let items = try popToMark()
                guard case .dict(let dict) = stack.last else { throw misuse("SETITEMS", at: start) }
                try Self.fill(dict, with: items)
            case 0x71: try memoise(Int(try readByte()), at: start)  // BINPUT
            case 0x72: try memoise(Int(try readInteger(byteCount: 4)), at: start)  // LONG_BINPUT
            case 0x94: try memoise(memo.count, at: start)  // MEMOIZE
            case 0x68: try recall(Int(try readByte()), at: start)  // BINGET
            case 0x6A: try recall(Int(try readInteger(byteCount: 4)), at: start)  // LONG_BINGET
            case 0x63:  // GLOBAL: "module\nname\n"
                let module = try readLine()
                let name = try readLine()
                stack.append(.global(module: module, name: name))
            case 0x93:  // STACK_GLOBAL
                let name = try pop(opcode, at: start)
                let module = try pop(opcode, at: start)
                guard case .string(let m) = module, case .string(let n) = name else {
                    throw misuse("STACK_GLOBAL", at: start)
                }
                stack.append(.global(module: m, name: n))
            case 0x52:  // REDUCE
                let arguments = try pop(opcode, at: start)
                let callable = try pop(opcode, at: start)
                stack.append(try Self.call(callable, arguments))
            case 0x51:  // BINPERSID
                stack.append(try Self.persistentLoad(try pop(opcode, at: start)))
            case 0x62:  // BUILD: state for an object; an OrderedDict's state (its `_metadata`) is not needed.
                let state = try pop(opcode, at: start)
                guard let target = stack.last else { throw underflow(opcode, at: start) }
                switch target {
                case .dict, .tensor: break
                default:
                    throw Failure(reason: "BUILD of a \(target.kind) with a \(state.kind) state is not supported (byte \(start))")
                }
            case 0x30: _ = try pop(opcode, at: start)  // POP
            case 0x32:  // DUP
                guard let top = stack.last else { throw underflow(opcode, at: start) }
                stack.append(top)
            default:
                throw Failure(
                    reason: String(
                        format: "unsupported pickle opcode 0x%02X at byte %d (only the subset torch.save writes for state dicts is read)",
                        opcode, start))
            }
        }
    }

    // MARK: - Reading bytes

    private mutating func readByte() throws(Failure) -> UInt8 {
        guard position < bytes.count else { throw Failure(reason: "the pickle ends early at byte \(position)") }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func readBytes(_ count: Int) throws(Failure) -> [UInt8] {
        guard count >= 0, count <= bytes.count - position else {
            throw Failure(reason: "the pickle ends early: \(count) bytes wanted at byte \(position)")
        }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    /// An unsigned little-endian integer of `byteCount` bytes.
    private mutating func readInteger(byteCount: Int) throws(Failure) -> Int64 {
        let raw = try readBytes(byteCount)
        var value: UInt64 = 0
        for (index, byte) in raw.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        return Int64(bitPattern: value)
    }

    private mutating func readString(_ count: Int) throws(Failure) -> String {
        let raw = try readBytes(count)
        guard let string = String(validating: raw, as: UTF8.self) else {
            throw Failure(reason: "a pickled string at byte \(position - count) is not UTF-8")
        }
        return string
    }

    private mutating func readLine() throws(Failure) -> String {
        guard let end = bytes[position...].firstIndex(of: 0x0A) else {
            throw Failure(reason: "a GLOBAL name at byte \(position) has no end of line")
        }
        let line = try readString(end - position)
        position += 1
        return line
    }

    // MARK: - Stack

    private mutating func pop(_ opcode: UInt8, at offset: Int) throws(Failure) -> PickleValue {
        guard let value = stack.popLast(), !Self.isMark(value) else { throw underflow(opcode, at: offset) }
        return value
    }

    private mutating func popToMark() throws(Failure) -> [PickleValue] {
        guard let markIndex = stack.lastIndex(where: Self.isMark) else {
            throw Failure(reason: "the pickle uses a MARK it never set (byte \(position - 1))")
        }
        let items = Array(stack[(markIndex + 1)...])
        stack.removeSubrange(markIndex...)
        return items
    }

    private mutating func memoise(_ index: Int, at offset: Int) throws(Failure) {
        guard let top = stack.last else { throw underflow(0x71, at: offset) }
        memo[index] = top
    }

    private mutating func recall(_ index: Int, at offset: Int) throws(Failure) {
        guard let value = memo[index] else {
            throw Failure(reason: "the pickle reads memo slot \(index) that was never written (byte \(offset))")
        }
        stack.append(value)
    }

    private func underflow(_ opcode: UInt8, at offset: Int) -> Failure {
        Failure(reason: String(format: "pickle opcode 0x%02X at byte %d finds too few values on the stack", opcode, offset))
    }

    private func misuse(_ name: String, at offset: Int) -> Failure {
        Failure(reason: "pickle opcode \(name) at byte \(offset) does not apply to the value below it")
    }

    private static func isMark(_ value: PickleValue) -> Bool {
        if case .mark = value { return true }
        return false
    }

    // MARK: - Semantics

    private static func long(_ raw: [UInt8]) -> PickleValue {
        guard raw.count <= 8 else { return .bigInt(raw) }
        guard !raw.isEmpty else { return .int(0) }
        var value: UInt64 = 0
        for (index, byte) in raw.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
        let unused = UInt64(64 - 8 * raw.count)
        // Sign-extend from the top byte that was present.
        return .int(Int64(bitPattern: value << unused) >> Int64(unused))
    }

    private static func fill(_ dict: PickleDict, with items: [PickleValue]) throws(Failure) {
        guard items.count % 2 == 0 else { throw Failure(reason: "a pickled dict has an odd number of keys and values") }
        for pair in stride(from: 0, to: items.count, by: 2) {
            dict.items.append((items[pair], items[pair + 1]))
        }
    }

    /// The callables a state dict needs; everything else is refused.
    private static func call(_ callable: PickleValue, _ arguments: PickleValue) throws(Failure) -> PickleValue {
        guard case let .global(module, name) = callable, case let .tuple(args) = arguments else {
            throw Failure(reason: "REDUCE of a \(callable.kind) with \(arguments.kind) arguments is not supported")
        }
        switch (module, name) {
        case ("collections", "OrderedDict") where args.isEmpty:
            return .dict(PickleDict())
        case ("torch._utils", "_rebuild_tensor_v2"), ("torch._utils", "_rebuild_tensor"):
            guard args.count >= 4, case .storage(let storage) = args[0], case .int(let offset) = args[1],
                case .tuple(let size) = args[2], case .tuple(let stride) = args[3],
                let shape = integers(size), let strides = integers(stride), shape.count == strides.count
            else {
                throw Failure(reason: "\(module).\(name) has arguments this reader does not understand")
            }
            return .tensor(PickleTensor(storage: storage, offset: Int(offset), shape: shape, strides: strides))
        case ("torch._utils", "_rebuild_parameter"), ("torch._utils", "_rebuild_parameter_with_state"):
            guard let data = args.first, case .tensor = data else {
                throw Failure(reason: "\(module).\(name) does not wrap a tensor")
            }
            return data
        default:
            throw Failure(
                reason: "the pickle calls \(module).\(name), which a state dict does not need; only tensors in (Ordered)dicts are read")
        }
    }

    private static func integers(_ values: [PickleValue]) -> [Int]? {
        var result: [Int] = []
        for value in values {
            guard case .int(let v) = value, v >= 0 else { return nil }
            result.append(Int(v))
        }
        return result
    }

    /// `torch.serialization`'s persistent ids: `('storage', StorageType, key, location, numel[, view])`.
    private static func persistentLoad(_ id: PickleValue) throws(Failure) -> PickleValue {
        guard case .tuple(let parts) = id, parts.count >= 5, case .string("storage") = parts[0],
            case .global(_, let typeName) = parts[1], case .string(let key) = parts[2],
            case .int(let count) = parts[4], count >= 0
        else {
            throw Failure(reason: "a persistent id is not a PyTorch storage reference")
        }
        if parts.count > 5, case .tuple = parts[5] {
            throw Failure(reason: "storage views (legacy view_metadata) are not supported")
        }
        return .storage(PickleStorage(typeName: typeName, key: key, count: Int(count)))
    }
}
