import Foundation

/// Checks an object's header in an HDF5 file before libhdf5 decodes it.
///
/// libhdf5 1.10 trusts the fields of the messages it decodes when it opens an object: a damaged
/// datatype, dataspace, layout, filter pipeline, fill value, link or attribute message makes it
/// copy out of bounds (a SIGSEGV that no caller can catch). Every object ``HDF5File`` opens is
/// checked here first: its address comes from the link (`H5Lget_info`, which does not read the
/// object), the header prefix, every message's size and the messages libhdf5 decodes on open are
/// checked against the file's size and against their own bounds, and a header that fails
/// becomes ``HDF5Error/damaged(path:object:reason:)``. Headers are a few hundred bytes, read once
/// per object, so a read of a large dataset costs one small extra `pread`.
///
/// What is checked: object header versions 1 and 2 with their continuation chunks; dataspace
/// (rank, sizes, element count); datatype, recursively (class, version, size, the properties of
/// each class, enumeration values, compound members, array dimensions, nesting depth); data
/// layout versions 1–4 (compact data within the message, contiguous storage within the file,
/// chunk dimensions non-zero and matching the dataspace and element size); filter pipeline
/// (filter count, names, client data); fill values (their size against the datatype's); external
/// file lists; links; attributes (their datatype, dataspace and data within the message); shared
/// (committed) datatypes, by checking the header they name. Messages kept in a shared-message
/// heap are left to libhdf5 (h5py and JetNet never write them).
final class HDF5HeaderCheck: @unchecked Sendable {
    // @unchecked: used only under the HDF5 lock (HDF5Library), like the file it belongs to.

    /// Why a header was refused (what field, where).
    struct Damage: Error { let reason: String }

    let path: String
    private let descriptor: Int32
    private let fileSize: UInt64
    /// File position of address 0 (the superblock's, after any user block).
    private let base: UInt64
    private let offsetSize: Int
    private let lengthSize: Int
    /// Headers already checked (by address).
    private var checked: Set<UInt64> = []
    /// Symbol tables (B-tree and heap addresses) and chunk B-trees already walked.
    private var walked: Set<[UInt64]> = []
    /// Symbols per symbol-table node, at most (twice the superblock's leaf K; nil when the
    /// superblock does not say).
    private var symbolCapacity: Int?
    /// The root group's cached symbol-table addresses (B-tree, heap) from a version 0/1 superblock.
    private var rootCache: (UInt64, UInt64)?

    /// The root group's object header address.
    let rootAddress: UInt64

    /// Reads the superblock of the file at `path`.
    ///
    /// - Throws: ``Damage`` when the superblock cannot be understood.
    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Damage(reason: "cannot open it: \(String(cString: strerror(errno)))") }
        var status = stat()
        fstat(descriptor, &status)
        fileSize = UInt64(max(0, status.st_size))
        // The superblock sits at 0, 512, 1024, 2048, … (after a user block).
        var position: UInt64 = 0
        var superblock: [UInt8] = []
        while position + 8 <= fileSize {
            let prefix = Self.read(descriptor, at: position, count: 8)
            if prefix == [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A] {
                superblock = Self.read(descriptor, at: position, count: 256)
                break
            }
            position = position == 0 ? 512 : position * 2
        }
        guard superblock.count > 16 else { close(descriptor); throw Damage(reason: "no HDF5 superblock") }
        let version = superblock[8]
        var cursor = Cursor(superblock[...])
        switch version {
        case 0, 1:
            offsetSize = Int(superblock[13]); lengthSize = Int(superblock[14])
            symbolCapacity = 2 * (Int(superblock[16]) | Int(superblock[17]) << 8)
            try? cursor.skip(24 + (version == 1 ? 4 : 0))
        case 2, 3:
            offsetSize = Int(superblock[9]); lengthSize = Int(superblock[10])
            try? cursor.skip(12)
        default:
            close(descriptor); throw Damage(reason: "superblock version \(version) is unknown")
        }
        guard [2, 4, 8].contains(offsetSize), [2, 4, 8].contains(lengthSize) else {
            close(descriptor); throw Damage(reason: "superblock gives \(offsetSize)-byte addresses and \(lengthSize)-byte lengths")
        }
        do {
            let baseAddress = try cursor.unsigned(offsetSize)
            if version <= 1 {
                try cursor.skip(3 * offsetSize + offsetSize)  // free space, end of file, driver; link name offset
                rootAddress = try cursor.unsigned(offsetSize)
                if try cursor.u32() == 1 {
                    try cursor.skip(4)
                    rootCache = (try cursor.unsigned(offsetSize), try cursor.unsigned(offsetSize))
                }
            } else {
                try cursor.skip(2 * offsetSize)  // superblock extension, end of file
                rootAddress = try cursor.unsigned(offsetSize)
            }
            base = baseAddress == 0 ? position : baseAddress
        } catch {
            close(descriptor); throw Damage(reason: "the superblock is truncated")
        }
    }

    deinit { close(descriptor) }

    /// Checks the root group: its header and the symbol table the superblock caches for it.
    ///
    /// - Throws: ``Damage`` naming the first bad field.
    func checkRoot() throws {
        if let (tree, heap) = rootCache { try checkSymbolTable(tree: tree, heap: heap) }
        try checkObject(at: rootAddress)
    }

    /// Checks the header of the object at `address` (relative to the superblock) and the
    /// messages libhdf5 decodes when the object is opened.
    ///
    /// - Throws: ``Damage`` naming the first bad field.
    func checkObject(at address: UInt64) throws {
        try checkObject(at: address, depth: 0)
    }

    private func checkObject(at address: UInt64, depth: Int) throws {
        guard !checked.contains(address) else { return }
        guard depth < 8 else { throw Damage(reason: "shared datatypes nest deeper than 8") }
        let messages = try headerMessages(at: address)
        var space: (rank: Int, count: UInt64)?
        var type: TypeSummary?
        for message in messages where message.type == 1 && !message.isShared { space = try checkDataspace(message.body) }
        for message in messages where message.type == 3 {
            type = message.isShared ? try checkSharedType(message.body, depth: depth) : try checkDatatype(message.body)
        }
        for message in messages {
            guard !message.isShared || message.type == 3 else {
                try checkSharedReference(message.body, depth: depth, checkTarget: false)
                continue
            }
            var body = Cursor(message.body)
            switch message.type {
            case 2: try checkLinkInfo(&body)
            case 4: let size = try body.u32(); try body.need(Int(size)); try checkFill(size: UInt64(size), type: type)
            case 5: try checkNewFill(&body, type: type)
            case 6: try checkLink(&body)
            case 7: try checkExternalFiles(&body)
            case 8: try checkLayout(&body, space: space, type: type)
            case 11: try checkPipeline(&body)
            case 12: try checkAttribute(message.body)
            case 17: try checkSymbolTable(tree: try body.unsigned(offsetSize), heap: try body.unsigned(offsetSize))
            default: continue
            }
        }
        checked.insert(address)
    }

    // MARK: Object headers

    private struct Message {
        let type: Int
        let flags: UInt8
        let body: ArraySlice<UInt8>
        var isShared: Bool { flags & 0x02 != 0 }
    }

    /// The messages of the header at `address`, following continuation chunks.
    private func headerMessages(at address: UInt64) throws -> [Message] {
        let start = try position(address, length: 16)
        let prefix = Self.read(descriptor, at: start, count: 16)
        var messages: [Message] = []
        var chunks: [(address: UInt64, length: UInt64)] = []
        let version2 = prefix.starts(with: Array("OHDR".utf8))
        var headerFlags: UInt8 = 0
        if version2 {
            guard prefix[4] == 2 else { throw Damage(reason: "object header version \(prefix[4]) is unknown") }
            headerFlags = prefix[5]
            var offset = 6 + (headerFlags & 0x20 != 0 ? 16 : 0) + (headerFlags & 0x10 != 0 ? 4 : 0)
            let sizeBytes = 1 << Int(headerFlags & 0x03)
            let field = Self.read(descriptor, at: start + UInt64(offset), count: sizeBytes)
            guard field.count == sizeBytes else { throw Damage(reason: "the object header is truncated") }
            var cursor = Cursor(field[...])
            let size = try cursor.unsigned(sizeBytes)
            offset += sizeBytes
            chunks.append((address + UInt64(offset), size))
        } else {
            guard prefix[0] == 1 else { throw Damage(reason: "object header version \(prefix[0]) is unknown") }
            let size = UInt64(prefix[8]) | UInt64(prefix[9]) << 8 | UInt64(prefix[10]) << 16 | UInt64(prefix[11]) << 24
            chunks.append((address + 16, size))
        }
        var chunkIndex = 0
        while chunkIndex < chunks.count {
            guard chunkIndex < 256 else { throw Damage(reason: "more than 256 header continuation chunks") }
            let (chunkAddress, length) = chunks[chunkIndex]
            let start = try position(chunkAddress, length: length)
            guard length <= 1 << 24 else { throw Damage(reason: "a header chunk of \(length) bytes") }
            let bytes = Self.read(descriptor, at: start, count: Int(length))
            // Version 2: continuation chunks start with OCHK and end with a checksum (chunk 0's
            // checksum lies after the size its prefix gives).
            if version2, chunkIndex > 0, bytes.count < 8 || !bytes.starts(with: Array("OCHK".utf8)) {
                throw Damage(reason: "a header continuation chunk has no OCHK signature")
            }
            var cursor = Cursor(version2 && chunkIndex > 0 ? bytes[4 ..< bytes.count - 4] : bytes[...])
            let messageHeader = version2 ? 4 + (headerFlags & 0x04 != 0 ? 2 : 0) : 8
            while cursor.remaining >= messageHeader {
                let type: Int, size: Int, flags: UInt8
                if version2 {
                    type = Int(try cursor.u8()); size = Int(try cursor.u16()); flags = try cursor.u8()
                    if headerFlags & 0x04 != 0 { try cursor.skip(2) }
                } else {
                    type = Int(try cursor.u16()); size = Int(try cursor.u16()); flags = try cursor.u8()
                    try cursor.skip(3)
                }
                guard size <= cursor.remaining else {
                    throw Damage(reason: "message of type \(type) claims \(size) bytes where \(cursor.remaining) remain")
                }
                let body = try cursor.take(size)
                if type == 0x10 {
                    var continuation = Cursor(body)
                    chunks.append((try continuation.unsigned(offsetSize), try continuation.unsigned(lengthSize)))
                } else if type != 0 {
                    messages.append(Message(type: type, flags: flags, body: body))
                }
            }
            chunkIndex += 1
        }
        return messages
    }

    /// The file position of `length` bytes at `address`, or a damage report when outside the file.
    private func position(_ address: UInt64, length: UInt64) throws -> UInt64 {
        let (start, overflow) = base.addingReportingOverflow(address)
        guard !overflow, start <= fileSize, length <= fileSize - start else {
            throw Damage(reason: "an object at address \(address) (\(length) bytes) lies beyond the end of the file (\(fileSize) bytes)")
        }
        return start
    }

    private func isUndefined(_ address: UInt64) -> Bool {
        offsetSize == 8 ? address == .max : address == (1 << UInt64(8 * offsetSize)) - 1
    }

    /// `count` bytes at `address`, all inside the file.
    private func bytes(at address: UInt64, count: Int) throws -> [UInt8] {
        guard count <= 1 << 24 else { throw Damage(reason: "a structure of \(count) bytes") }
        let bytes = Self.read(descriptor, at: try position(address, length: UInt64(count)), count: count)
        guard bytes.count == count else { throw Damage(reason: "a structure at address \(address) cut short by the end of the file") }
        return bytes
    }

    private static func read(_ descriptor: Int32, at offset: UInt64, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        return Array(bytes.prefix(max(0, got)))
    }

    // MARK: Dataspace and datatype

    /// The rank and number of elements of a dataspace message (a scalar has 1, a null dataspace 0).
    private func checkDataspace(_ body: ArraySlice<UInt8>) throws -> (rank: Int, count: UInt64) {
        var cursor = Cursor(body)
        let version = try cursor.u8()
        let rank = Int(try cursor.u8())
        let flags = try cursor.u8()
        guard version == 1 || version == 2 else { throw Damage(reason: "dataspace version \(version) is unknown") }
        guard rank <= 32 else { throw Damage(reason: "a dataspace of rank \(rank) (at most 32)") }
        var isNull = false
        if version == 1 { try cursor.skip(5) } else { isNull = try cursor.u8() == 2 }
        var dims: [UInt64] = []
        for _ in 0..<rank { dims.append(try cursor.unsigned(lengthSize)) }
        if flags & 0x01 != 0 {
            for axis in 0..<rank {
                let maximum = try cursor.unsigned(lengthSize)
                guard maximum >= dims[axis] || maximum == .max || isUndefined(maximum) else {
                    throw Damage(reason: "a dataspace of size \(dims[axis]) above its maximum \(maximum)")
                }
            }
        }
        if version == 1, flags & 0x02 != 0 { try cursor.skip(4 * rank) }
        var count: UInt64 = 1
        for dim in dims {
            let (product, overflow) = count.multipliedReportingOverflow(by: dim)
            guard !overflow, product < 1 << 62 else { throw Damage(reason: "a dataspace of \(dims) elements overflows") }
            count = product
        }
        return (rank, isNull ? 0 : count)
    }

    /// What the checks of other messages need to know about a datatype.
    struct TypeSummary {
        let typeClass: UInt8
        let size: UInt64
        /// Variable-length or reference data (stored elsewhere; fill values have other sizes).
        let isIndirect: Bool
    }

    private func checkDatatype(_ body: ArraySlice<UInt8>) throws -> TypeSummary {
        var cursor = Cursor(body)
        return try checkDatatype(&cursor, depth: 0)
    }

    private func checkDatatype(_ cursor: inout Cursor, depth: Int) throws -> TypeSummary {
        guard depth < 16 else { throw Damage(reason: "datatypes nest deeper than 16") }
        let classAndVersion = try cursor.u8()
        let typeClass = classAndVersion & 0x0F, version = classAndVersion >> 4
        let bits = try cursor.take(3)
        let field = UInt32(bits[bits.startIndex]) | UInt32(bits[bits.startIndex + 1]) << 8 | UInt32(bits[bits.startIndex + 2]) << 16
        let size = UInt64(try cursor.u32())
        guard (1...5).contains(version) else { throw Damage(reason: "datatype version \(version) is unknown") }
        func bitRange(_ offset: UInt16, _ precision: UInt16) throws {
            guard precision > 0, UInt64(offset) + UInt64(precision) <= size * 8 else {
                throw Damage(reason: "a \(size)-byte number with \(precision) bits at bit \(offset)")
            }
        }
        switch typeClass {
        case 0, 4:  // fixed-point, bitfield
            guard (1...64).contains(size) else { throw Damage(reason: "an integer of \(size) bytes") }
            let offset = try cursor.u16(), precision = try cursor.u16()
            try bitRange(offset, precision)
        case 1:  // floating-point
            guard (1...64).contains(size) else { throw Damage(reason: "a floating-point number of \(size) bytes") }
            let offset = try cursor.u16(), precision = try cursor.u16()
            try bitRange(offset, precision)
            let exponentStart = try cursor.u8(), exponentBits = try cursor.u8()
            let mantissaStart = try cursor.u8(), mantissaBits = try cursor.u8()
            _ = try cursor.u32()
            let signBit = UInt16((field >> 8) & 0xFF)
            guard exponentBits > 0, mantissaBits > 0,
                  UInt16(exponentStart) + UInt16(exponentBits) <= precision,
                  UInt16(mantissaStart) + UInt16(mantissaBits) <= precision,
                  signBit < precision else {
                throw Damage(reason: "a floating-point layout (exponent \(exponentBits) bits at \(exponentStart), mantissa \(mantissaBits) at \(mantissaStart), sign at \(signBit)) outside its \(precision) bits")
            }
        case 2:  // time
            guard (1...64).contains(size) else { throw Damage(reason: "a time of \(size) bytes") }
            try bitRange(0, try cursor.u16())
        case 3:  // string
            guard size > 0, size < 1 << 31 else { throw Damage(reason: "a string of \(size) bytes") }
        case 5:  // opaque: tag of (field & 0xFF) bytes
            guard size > 0, size < 1 << 31 else { throw Damage(reason: "an opaque value of \(size) bytes") }
            try cursor.skip(Int(field & 0xFF))
        case 6:  // compound
            let members = Int(field & 0xFFFF)
            guard size > 0, size < 1 << 31 else { throw Damage(reason: "a compound of \(size) bytes") }
            for _ in 0..<members {
                let name = try cursor.cString()
                if version < 3 { try cursor.skip((8 - (name + 1) % 8) % 8) }
                let offset: UInt64
                if version >= 3 {
                    var width = 1
                    while width < 4, size >= 1 << UInt64(8 * width) { width += 1 }
                    offset = try cursor.unsigned(width)
                } else {
                    offset = UInt64(try cursor.u32())
                }
                if version == 1 {
                    let dimensionality = try cursor.u8()
                    guard dimensionality <= 4 else { throw Damage(reason: "a compound member of \(dimensionality) dimensions") }
                    try cursor.skip(3 + 4 + 4 + 16)
                }
                let member = try checkDatatype(&cursor, depth: depth + 1)
                guard offset + member.size <= size else {
                    throw Damage(reason: "a compound member of \(member.size) bytes at offset \(offset) of a \(size)-byte compound")
                }
            }
        case 7:  // reference
            guard (1...64).contains(size) else { throw Damage(reason: "a reference of \(size) bytes") }
            return TypeSummary(typeClass: typeClass, size: size, isIndirect: true)
        case 8:  // enumeration: base type, names, values (the values are members × base size)
            let members = Int(field & 0xFFFF)
            let baseType = try checkDatatype(&cursor, depth: depth + 1)
            guard baseType.typeClass == 0, baseType.size == size else {
                throw Damage(reason: "an enumeration of \(size) bytes over a \(baseType.size)-byte base of class \(baseType.typeClass)")
            }
            for _ in 0..<members {
                let name = try cursor.cString()
                if version < 3 { try cursor.skip((8 - (name + 1) % 8) % 8) }
            }
            try cursor.skip(members * Int(size))
        case 9:  // variable-length sequence or string
            _ = try checkDatatype(&cursor, depth: depth + 1)
            guard (1...64).contains(size) else { throw Damage(reason: "a variable-length reference of \(size) bytes") }
            return TypeSummary(typeClass: typeClass, size: size, isIndirect: true)
        case 10:  // array
            let rank = Int(try cursor.u8())
            guard (1...32).contains(rank) else { throw Damage(reason: "an array datatype of rank \(rank)") }
            if version < 3 { try cursor.skip(3) }
            var count: UInt64 = 1
            for _ in 0..<rank {
                let dim = UInt64(try cursor.u32())
                let (product, overflow) = count.multipliedReportingOverflow(by: dim)
                guard dim > 0, !overflow else { throw Damage(reason: "an array datatype with a dimension of \(dim)") }
                count = product
            }
            if version < 3 { try cursor.skip(4 * rank) }
            let element = try checkDatatype(&cursor, depth: depth + 1)
            let (total, overflow) = count.multipliedReportingOverflow(by: element.size)
            guard !overflow, total == size else {
                throw Damage(reason: "an array datatype of \(size) bytes holding \(count) elements of \(element.size) bytes")
            }
        default:
            throw Damage(reason: "datatype class \(typeClass) is unknown")
        }
        return TypeSummary(typeClass: typeClass, size: size, isIndirect: false)
    }

    /// A shared (committed) datatype: check the header it names, then its datatype message.
    private func checkSharedType(_ body: ArraySlice<UInt8>, depth: Int) throws -> TypeSummary? {
        guard let address = try checkSharedReference(body, depth: depth, checkTarget: true) else { return nil }
        let target = try headerMessages(at: address)
        guard let message = target.first(where: { $0.type == 3 && !$0.isShared }) else {
            throw Damage(reason: "a shared datatype points to an object without a datatype")
        }
        return try checkDatatype(message.body)
    }

    /// The object header a shared message names (nil when it lives in the shared-message heap).
    @discardableResult
    private func checkSharedReference(_ body: ArraySlice<UInt8>, depth: Int, checkTarget: Bool) throws -> UInt64? {
        var cursor = Cursor(body)
        let version = try cursor.u8(), kind = try cursor.u8()
        switch version {
        case 1: try cursor.skip(6)
        case 2: break
        case 3 where kind == 1: try cursor.skip(8); return nil
        case 3: break
        default: throw Damage(reason: "shared message version \(version) is unknown")
        }
        let address = try cursor.unsigned(offsetSize)
        _ = try position(address, length: 16)
        if checkTarget { try checkObject(at: address, depth: depth + 1) }
        return address
    }

    // MARK: Dataset messages

    private func checkFill(size: UInt64, type: TypeSummary?) throws {
        guard size > 0, let type, !type.isIndirect else { return }
        guard size == type.size else { throw Damage(reason: "a fill value of \(size) bytes for \(type.size)-byte elements") }
    }

    private func checkNewFill(_ cursor: inout Cursor, type: TypeSummary?) throws {
        let version = try cursor.u8()
        switch version {
        case 1, 2:
            try cursor.skip(2)
            let defined = try cursor.u8()
            if version == 1 || defined != 0 {
                let size = UInt64(try cursor.u32())
                try cursor.need(Int(clamping: size))
                try checkFill(size: size, type: type)
            }
        case 3:
            let flags = try cursor.u8()
            if flags & 0x20 != 0 {
                let size = UInt64(try cursor.u32())
                try cursor.need(Int(clamping: size))
                try checkFill(size: size, type: type)
            }
        default:
            throw Damage(reason: "fill value version \(version) is unknown")
        }
    }

    private func checkLayout(_ cursor: inout Cursor, space: (rank: Int, count: UInt64)?, type: TypeSummary?) throws {
        let version = try cursor.u8()
        let rank = space?.rank
        let needed = type.map { (space?.count ?? 0).multipliedReportingOverflow(by: $0.size) }
        if let needed, needed.overflow { throw Damage(reason: "a dataset of \(space?.count ?? 0) elements overflows") }
        func checkChunk(_ dims: [UInt64], elementSize: UInt64?, matchRank: Bool = true) throws {
            guard dims.allSatisfy({ $0 > 0 }) else { throw Damage(reason: "a chunk dimension of 0 (\(dims))") }
            if matchRank, let rank, rank != dims.count {
                throw Damage(reason: "\(dims.count)-dimensional chunks for a \(rank)-dimensional dataset")
            }
            if let elementSize, let type, elementSize != type.size {
                throw Damage(reason: "chunks of \(elementSize)-byte elements for \(type.size)-byte elements")
            }
            var bytes = elementSize ?? type?.size ?? 1
            for dim in dims {
                let (product, overflow) = bytes.multipliedReportingOverflow(by: dim)
                guard !overflow, product <= UInt64(UInt32.max) else { throw Damage(reason: "a chunk of \(dims) elements exceeds 4 GB") }
                bytes = product
            }
        }
        func checkContiguous(address: UInt64, size: UInt64?) throws {
            guard !isUndefined(address) else { return }
            let length = size ?? needed?.partialValue ?? 0
            _ = try position(address, length: length)
            if let size, let needed, size < needed.partialValue {
                throw Damage(reason: "contiguous storage of \(size) bytes for \(needed.partialValue) bytes of data")
            }
        }
        switch version {
        case 1, 2:
            let rank = Int(try cursor.u8())
            let layoutClass = try cursor.u8()
            try cursor.skip(5)
            guard (1...33).contains(rank) else { throw Damage(reason: "a layout of rank \(rank)") }
            let address = layoutClass == 0 ? nil : try cursor.unsigned(offsetSize)
            var dims: [UInt64] = []
            for _ in 0..<rank { dims.append(UInt64(try cursor.u32())) }
            switch layoutClass {
            case 0:
                let size = try cursor.u32()
                try cursor.need(Int(size))
                if let needed, UInt64(size) < needed.partialValue { throw Damage(reason: "compact data of \(size) bytes for \(needed.partialValue)") }
            case 1: try checkContiguous(address: address ?? 0, size: nil)
            case 2:
                let elementSize = UInt64(try cursor.u32())
                try checkChunk(dims, elementSize: elementSize, matchRank: false)
                try checkChunkTree(address ?? 0, dimensions: rank)
            default: throw Damage(reason: "layout class \(layoutClass) is unknown")
            }
        case 3, 4:
            let layoutClass = try cursor.u8()
            switch layoutClass {
            case 0:
                let size = try cursor.u16()
                try cursor.need(Int(size))
                if let needed, UInt64(size) < needed.partialValue { throw Damage(reason: "compact data of \(size) bytes for \(needed.partialValue)") }
            case 1:
                let address = try cursor.unsigned(offsetSize)
                try checkContiguous(address: address, size: try cursor.unsigned(lengthSize))
            case 2 where version == 3:
                let rank = Int(try cursor.u8())
                guard (2...33).contains(rank) else { throw Damage(reason: "a chunked layout of rank \(rank)") }
                let tree = try cursor.unsigned(offsetSize)
                var dims: [UInt64] = []
                for _ in 0..<rank { dims.append(UInt64(try cursor.u32())) }
                try checkChunk(Array(dims.prefix(rank - 1)), elementSize: dims[rank - 1])
                try checkChunkTree(tree, dimensions: rank)
            case 2:
                _ = try cursor.u8()  // flags
                let rank = Int(try cursor.u8())
                let width = Int(try cursor.u8())
                guard (2...33).contains(rank), (1...8).contains(width) else {
                    throw Damage(reason: "a chunked layout of rank \(rank) with \(width)-byte dimensions")
                }
                var dims: [UInt64] = []
                for _ in 0..<rank { dims.append(try cursor.unsigned(width)) }
                try checkChunk(Array(dims.prefix(rank - 1)), elementSize: dims[rank - 1])
                let index = try cursor.u8()
                switch index {
                case 1: try cursor.skip(4)  // single chunk: filtered size and mask
                case 2: break  // implicit
                case 3: try cursor.skip(1)  // fixed array: page bits
                case 4: try cursor.skip(5)  // extensible array parameters
                case 5: try cursor.skip(6)  // version 2 B-tree parameters
                default: throw Damage(reason: "chunk index type \(index) is unknown")
                }
                _ = try cursor.unsigned(offsetSize)
            case 3:
                _ = try cursor.unsigned(offsetSize); try cursor.skip(4)  // virtual: global heap collection and index
            default:
                throw Damage(reason: "layout class \(layoutClass) is unknown")
            }
        default:
            throw Damage(reason: "layout version \(version) is unknown")
        }
    }

    private func checkPipeline(_ cursor: inout Cursor) throws {
        let version = try cursor.u8()
        let filters = Int(try cursor.u8())
        guard version == 1 || version == 2 else { throw Damage(reason: "filter pipeline version \(version) is unknown") }
        guard filters <= 32 else { throw Damage(reason: "\(filters) filters (at most 32)") }
        if version == 1 { try cursor.skip(6) }
        for _ in 0..<filters {
            let id = try cursor.u16()
            let nameLength = version == 1 || id >= 256 ? Int(try cursor.u16()) : 0
            _ = try cursor.u16()
            let values = Int(try cursor.u16())
            if nameLength > 0 {
                let name = try cursor.take(version == 1 ? (nameLength + 7) / 8 * 8 : nameLength)
                guard name.contains(0) else { throw Damage(reason: "a filter name without its terminating NUL") }
            }
            try cursor.skip(4 * values + (version == 1 && values % 2 == 1 ? 4 : 0))
        }
    }

    private func checkExternalFiles(_ cursor: inout Cursor) throws {
        let version = try cursor.u8()
        guard version == 1 else { throw Damage(reason: "external file list version \(version) is unknown") }
        try cursor.skip(3)
        let allocated = try cursor.u16(), used = try cursor.u16()
        guard used <= allocated else { throw Damage(reason: "an external file list using \(used) of \(allocated) slots") }
        _ = try position(try cursor.unsigned(offsetSize), length: 0)
        try cursor.skip(Int(used) * 3 * lengthSize)
    }

    // MARK: Symbol tables and chunk indices (version 1 B-trees)

    /// Checks an old-style group: its local heap of names, its B-tree and every symbol node.
    private func checkSymbolTable(tree: UInt64, heap: UInt64) throws {
        guard walked.insert([tree, heap]).inserted else { return }
        let names = try localHeap(at: heap)
        var visited: Set<UInt64> = [], nodes: Set<UInt64> = []
        try checkTree(at: tree, type: 0, keySize: lengthSize, level: nil, depth: 0, visited: &visited) { node, _ in
            guard nodes.insert(node).inserted else { return }
            try checkSymbolNode(at: node, names: names)
        }
    }

    /// The data of the local heap at `address`, after checking its prefix and free list.
    private func localHeap(at address: UInt64) throws -> [UInt8] {
        let prefix = try bytes(at: address, count: 8 + 2 * lengthSize + offsetSize)
        guard prefix.starts(with: Array("HEAP".utf8)), prefix[4] == 0 else { throw Damage(reason: "a local heap without its HEAP signature") }
        var cursor = Cursor(prefix[8...])
        let size = try cursor.unsigned(lengthSize), free = try cursor.unsigned(lengthSize)
        let data = try bytes(at: try cursor.unsigned(offsetSize), count: Int(clamping: size))
        var offset = free, steps = 0
        let end: UInt64 = lengthSize == 8 ? .max : (1 << UInt64(8 * lengthSize)) - 1
        while offset != 1, offset != end {
            steps += 1
            guard steps < 1 << 16, offset + UInt64(2 * lengthSize) <= size else {
                throw Damage(reason: "a local heap free block at \(offset) of \(size) bytes")
            }
            var block = Cursor(data[Int(offset)...])
            offset = try block.unsigned(lengthSize)
        }
        return data
    }

    /// Walks a version 1 B-tree of `type` (0: group, 1: chunks), checking every node and calling
    /// `leaf` with each child of the leaves (a symbol node or a chunk) and its key.
    private func checkTree(at address: UInt64, type: UInt8, keySize: Int, level expected: Int?, depth: Int,
                           visited: inout Set<UInt64>, leaf: (UInt64, ArraySlice<UInt8>) throws -> Void) throws {
        guard depth < 64 else { throw Damage(reason: "a B-tree deeper than 64 levels") }
        guard visited.insert(address).inserted else { return }
        let header = try bytes(at: address, count: 8 + 2 * offsetSize)
        guard header.starts(with: Array("TREE".utf8)), header[4] == type else { throw Damage(reason: "a B-tree node without its TREE signature") }
        let level = Int(header[5]), entries = Int(header[6]) | Int(header[7]) << 8
        if let expected, level != expected { throw Damage(reason: "a B-tree node of level \(level) below one of level \(expected + 1)") }
        let body = try bytes(at: address + UInt64(header.count), count: entries * (offsetSize + keySize) + keySize)
        var cursor = Cursor(body[...])
        for _ in 0..<entries {
            let key = try cursor.take(keySize)
            let child = try cursor.unsigned(offsetSize)
            if level > 0 {
                try checkTree(at: child, type: type, keySize: keySize, level: level - 1, depth: depth + 1, visited: &visited, leaf: leaf)
            } else {
                try leaf(child, key)
            }
        }
    }

    /// Checks a symbol node: its entries' names lie in the heap and their addresses in the file.
    private func checkSymbolNode(at address: UInt64, names: [UInt8]) throws {
        let header = try bytes(at: address, count: 8)
        guard header.starts(with: Array("SNOD".utf8)), header[4] == 1 else { throw Damage(reason: "a symbol node without its SNOD signature") }
        let symbols = Int(header[6]) | Int(header[7]) << 8
        if let symbolCapacity, symbols > symbolCapacity {
            throw Damage(reason: "a symbol node of \(symbols) entries (at most \(symbolCapacity))")
        }
        var cursor = Cursor(try bytes(at: address + 8, count: symbols * (2 * offsetSize + 24))[...])
        for _ in 0..<symbols {
            let name = try cursor.unsigned(offsetSize)
            guard name < UInt64(names.count), names[Int(name)...].contains(0) else {
                throw Damage(reason: "a symbol name at \(name) outside its \(names.count)-byte heap")
            }
            _ = try position(try cursor.unsigned(offsetSize), length: 16)
            let cache = try cursor.u32()
            try cursor.skip(4)
            let scratch = try cursor.take(16)
            if cache == 1 {
                var cached = Cursor(scratch)
                _ = try position(try cached.unsigned(offsetSize), length: 8)
                _ = try position(try cached.unsigned(offsetSize), length: 8)
            }
        }
    }

    /// Walks a chunked dataset's B-tree (layout versions 1–3): every chunk lies in the file.
    private func checkChunkTree(_ address: UInt64, dimensions: Int) throws {
        guard !isUndefined(address), walked.insert([address]).inserted else { return }
        var visited: Set<UInt64> = []
        try checkTree(at: address, type: 1, keySize: 8 + 8 * dimensions, level: nil, depth: 0, visited: &visited) { chunk, key in
            var cursor = Cursor(key)
            let size = try cursor.u32()
            _ = try position(chunk, length: UInt64(size))
        }
    }

    // MARK: Groups and attributes

    private func checkLinkInfo(_ cursor: inout Cursor) throws {
        let version = try cursor.u8()
        guard version == 0 else { throw Damage(reason: "link info version \(version) is unknown") }
        let flags = try cursor.u8()
        if flags & 0x01 != 0 { try cursor.skip(8) }
        try cursor.skip(offsetSize * (flags & 0x02 != 0 ? 3 : 2))
    }

    private func checkLink(_ cursor: inout Cursor) throws {
        let version = try cursor.u8()
        guard version == 1 else { throw Damage(reason: "link version \(version) is unknown") }
        let flags = try cursor.u8()
        let kind = flags & 0x08 != 0 ? try cursor.u8() : 0
        if flags & 0x04 != 0 { try cursor.skip(8) }
        if flags & 0x10 != 0 { try cursor.skip(1) }
        let nameLength = try cursor.unsigned(1 << Int(flags & 0x03))
        guard nameLength > 0 else { throw Damage(reason: "a link with an empty name") }
        try cursor.skip(Int(clamping: nameLength))
        switch kind {
        case 0: _ = try position(try cursor.unsigned(offsetSize), length: 0)
        case 1, 64...: try cursor.skip(Int(try cursor.u16()))
        default: throw Damage(reason: "link type \(kind) is unknown")
        }
    }

    private func checkAttribute(_ body: ArraySlice<UInt8>) throws {
        var cursor = Cursor(body)
        let version = try cursor.u8()
        guard (1...3).contains(version) else { throw Damage(reason: "attribute version \(version) is unknown") }
        let flags = try cursor.u8()
        let nameSize = Int(try cursor.u16()), typeSize = Int(try cursor.u16()), spaceSize = Int(try cursor.u16())
        if version == 3 { try cursor.skip(1) }
        func padded(_ size: Int) -> Int { version == 1 ? (size + 7) / 8 * 8 : size }
        let name = try cursor.take(padded(nameSize))
        guard nameSize > 0, name.prefix(nameSize).last == 0 else { throw Damage(reason: "an attribute name without its terminating NUL") }
        let typeBytes = try cursor.take(padded(typeSize))
        let spaceBytes = try cursor.take(padded(spaceSize))
        guard flags & 0x03 == 0 else { return }  // shared type or space: in another header or the shared heap
        let type = try checkDatatype(typeBytes.prefix(typeSize))
        let count = try checkDataspace(spaceBytes.prefix(spaceSize)).count
        let (bytes, overflow) = count.multipliedReportingOverflow(by: type.size)
        guard !overflow, bytes <= UInt64(cursor.remaining) else {
            throw Damage(reason: "attribute data of \(count) × \(type.size) bytes in a message with \(cursor.remaining) left")
        }
    }
}

/// Bounds-checked little-endian reading of a header message.
private struct Cursor {
    private let bytes: ArraySlice<UInt8>
    private var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var remaining: Int { bytes.endIndex - index }

    func need(_ count: Int) throws {
        guard count >= 0, count <= remaining else {
            throw HDF5HeaderCheck.Damage(reason: "a field of \(count) bytes where \(remaining) remain in its message")
        }
    }

    mutating func skip(_ count: Int) throws {
        try need(count)
        index += count
    }

    mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        try need(count)
        defer { index += count }
        return bytes[index ..< index + count]
    }

    mutating func u8() throws -> UInt8 { try take(1).first! }
    mutating func u16() throws -> UInt16 { UInt16(try unsigned(2)) }
    mutating func u32() throws -> UInt32 { UInt32(try unsigned(4)) }

    mutating func unsigned(_ width: Int) throws -> UInt64 {
        try take(width).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Skips a NUL-terminated string; returns its length without the NUL.
    mutating func cString() throws -> Int {
        guard let end = bytes[index...].firstIndex(of: 0) else { throw HDF5HeaderCheck.Damage(reason: "a name without its terminating NUL") }
        let length = end - index
        index = end + 1
        return length
    }
}
