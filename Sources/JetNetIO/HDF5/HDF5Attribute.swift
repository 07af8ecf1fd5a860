/// The value of an HDF5 attribute, as ``HDF5File/attributes(of:)`` reads it.
public enum HDF5Attribute: Sendable, Equatable {
    /// A string, or the first of a string array.
    case string(String)
    /// Integers (one for a scalar attribute).
    case integers([Int64])
    /// Floating-point numbers (one for a scalar attribute).
    case floats([Double])
    /// A type this reader does not decode (compound, reference, …), by name.
    case unsupported(String)
}
