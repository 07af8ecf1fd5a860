import CHDF5
import JetNetCore

/// The element type of a stored HDF5 dataset, named as NumPy names it.
public enum HDF5DataType: Sendable, Equatable, CustomStringConvertible {
    /// IEEE floating point of 16, 32 or 64 bits.
    case float(bits: Int)
    /// Signed integer of 8, 16, 32 or 64 bits.
    case signedInteger(bits: Int)
    /// Unsigned integer of 8, 16, 32 or 64 bits.
    case unsignedInteger(bits: Int)
    /// A `FALSE`/`TRUE` enumeration over a small integer, as h5py stores NumPy booleans.
    case bool
    /// Fixed-length byte strings of this many bytes (NumPy `|S13`, as pandas writes names).
    case fixedString(length: Int)
    /// Variable-length strings.
    case variableString
    /// Any other HDF5 type class (compound, array, reference, …), by name.
    case other(String)

    /// NumPy's name: `float32`, `int64`, `uint8`, `bool`, `|S13`, `str`, …
    public var description: String {
        switch self {
        case .float(let bits): "float\(bits)"
        case .signedInteger(let bits): "int\(bits)"
        case .unsignedInteger(let bits): "uint\(bits)"
        case .bool: "bool"
        case .fixedString(let length): "|S\(length)"
        case .variableString: "str"
        case .other(let name): name
        }
    }

    /// Whether the dataset holds numbers (or booleans) that ``HDF5File/read(_:as:rows:)`` reads.
    public var isNumeric: Bool {
        switch self {
        case .float, .signedInteger, .unsignedInteger, .bool: true
        default: false
        }
    }

    /// The element type the values are read into when no type is asked for: the stored
    /// type, or a wider one (`int8`, `int16`, `uint16` -> `int32`; `uint32`, `uint64` ->
    /// `int64`; `float16` -> `float32`); `nil` for strings and other types.
    public var naturalDType: DType? {
        switch self {
        case .float(let bits): bits <= 32 ? .float32 : .float64
        case .signedInteger(let bits): bits <= 32 ? .int32 : .int64
        case .unsignedInteger(let bits): bits == 8 ? .uint8 : bits == 16 ? .int32 : .int64
        case .bool: .bool
        default: nil
        }
    }

    /// Describes an HDF5 datatype. Call while holding the HDF5 lock.
    init(typeID: hid_t) {
        let size = H5Tget_size(typeID)
        switch H5Tget_class(typeID) {
        case H5T_FLOAT:
            self = .float(bits: size * 8)
        case H5T_INTEGER:
            self = H5Tget_sign(typeID) == H5T_SGN_NONE ? .unsignedInteger(bits: size * 8) : .signedInteger(bits: size * 8)
        case H5T_ENUM:
            self = Self.isBoolEnumeration(typeID) ? .bool : .other("enum")
        case H5T_STRING:
            self = H5Tis_variable_str(typeID) > 0 ? .variableString : .fixedString(length: size)
        case H5T_COMPOUND: self = .other("compound")
        case H5T_ARRAY: self = .other("array")
        case H5T_VLEN: self = .other("vlen")
        case H5T_REFERENCE: self = .other("reference")
        case H5T_OPAQUE: self = .other("opaque")
        case H5T_BITFIELD: self = .other("bitfield")
        case H5T_TIME: self = .other("time")
        default: self = .other("unknown")
        }
    }

    /// h5py's boolean type: an enumeration with exactly the members FALSE = 0 and TRUE = 1.
    private static func isBoolEnumeration(_ typeID: hid_t) -> Bool {
        guard H5Tget_nmembers(typeID) == 2 else { return false }
        let base = H5Tget_super(typeID)
        guard base >= 0 else { return false }
        defer { H5Tclose(base) }
        guard H5Tget_class(base) == H5T_INTEGER else { return false }
        var names: [String] = []
        for index in 0..<2 {
            guard let name = H5Tget_member_name(typeID, UInt32(index)) else { return false }
            names.append(String(cString: name))
            H5free_memory(name)
        }
        return names == ["FALSE", "TRUE"]
    }
}

extension DType {
    /// The HDF5 in-memory type of this element type (`Bool` is stored as `uint8`).
    var nativeHDF5Type: hid_t {
        switch self {
        case .float32: jn_H5T_NATIVE_FLOAT()
        case .float64: jn_H5T_NATIVE_DOUBLE()
        case .int32: jn_H5T_NATIVE_INT32()
        case .int64: jn_H5T_NATIVE_INT64()
        case .bool, .uint8: jn_H5T_NATIVE_UINT8()
        }
    }
}
