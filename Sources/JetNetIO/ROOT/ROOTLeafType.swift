import Foundation

/// The numeric types a ROOT leaf (or `std::vector` element) can hold.
///
/// Reading converts them to the requested element type as NumPy's `astype` does.
public enum ROOTLeafType: String, Sendable, Equatable, CaseIterable {
    /// `bool` (`TLeafO`), one byte.
    case bool
    /// `int8_t` / `uint8_t` (`TLeafB`).
    case int8, uint8
    /// `int16_t` / `uint16_t` (`TLeafS`).
    case int16, uint16
    /// `int32_t` / `uint32_t` (`TLeafI`).
    case int32, uint32
    /// `int64_t` / `uint64_t` (`TLeafL`, `TLeafG`).
    case int64, uint64
    /// `float` (`TLeafF`) and `double` (`TLeafD`).
    case float32, float64

    /// Bytes per value on disk.
    public var size: Int {
        switch self {
        case .bool, .int8, .uint8: 1
        case .int16, .uint16: 2
        case .int32, .uint32, .float32: 4
        case .int64, .uint64, .float64: 8
        }
    }

    /// The C++ name uproot prints (`"int32_t"`, `"float"`…).
    public var cName: String {
        switch self {
        case .bool: "bool"
        case .int8: "int8_t"
        case .uint8: "uint8_t"
        case .int16: "int16_t"
        case .uint16: "uint16_t"
        case .int32: "int32_t"
        case .uint32: "uint32_t"
        case .int64: "int64_t"
        case .uint64: "uint64_t"
        case .float32: "float"
        case .float64: "double"
        }
    }

    /// The type of a leaf class (`TLeafF` is `float`), or nil for leaves that do not hold
    /// plain numbers (`TLeafC` strings, `TLeafElement`, `TLeafF16`…).
    init?(leafClass: String, unsigned: Bool) {
        switch leafClass {
        case "TLeafO": self = .bool
        case "TLeafB": self = unsigned ? .uint8 : .int8
        case "TLeafS": self = unsigned ? .uint16 : .int16
        case "TLeafI": self = unsigned ? .uint32 : .int32
        case "TLeafL", "TLeafG": self = unsigned ? .uint64 : .int64
        case "TLeafF", "TLeafF16": self = .float32
        case "TLeafD", "TLeafD32": self = .float64
        default: return nil
        }
    }

    /// The type of ROOT's basic type code (`EDataType`: 1 char, 2 short, 3 int, 4 long, 5 float,
    /// 6 counter (as uproot: uint32), 8 double, 9 Double32_t, 11-17 unsigned and 64-bit, 18 bool, 19 Float16_t).
    init?(code: Int) {
        switch code {
        case 1: self = .int8
        case 2: self = .int16
        case 3: self = .int32
        case 4, 16: self = .int64
        case 5, 19: self = .float32
        case 8, 9: self = .float64
        case 11: self = .uint8
        case 12: self = .uint16
        case 6, 13, 15: self = .uint32  // 6: a counter, which uproot reads as uint32
        case 14, 17: self = .uint64
        case 18: self = .bool
        default: return nil
        }
    }

    /// The type of a C++ template argument (`vector<float>` holds `float`).
    init?(cppName: String) {
        switch cppName.trimmingCharacters(in: .whitespaces) {
        case "bool", "Bool_t": self = .bool
        case "char", "signed char", "Char_t", "int8_t": self = .int8
        case "unsigned char", "UChar_t", "uint8_t": self = .uint8
        case "short", "Short_t", "int16_t": self = .int16
        case "unsigned short", "UShort_t", "uint16_t": self = .uint16
        case "int", "Int_t", "int32_t": self = .int32
        case "unsigned int", "unsigned", "UInt_t", "uint32_t": self = .uint32
        case "long", "long long", "Long64_t", "Long_t", "int64_t": self = .int64
        case "unsigned long", "unsigned long long", "ULong64_t", "ULong_t", "uint64_t": self = .uint64
        case "float", "Float_t": self = .float32
        case "double", "Double_t": self = .float64
        default: return nil
        }
    }
}
