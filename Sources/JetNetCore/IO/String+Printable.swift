extension String {
    /// The string with control characters escaped (`\n`, `\t`, `\r`, `\u{1B}`, ...), so a name
    /// read from a file or a message built from one prints on one line and cannot drive the
    /// terminal. Printable characters, including non-ASCII ones (η, φ), are kept.
    public var escapingNonPrintable: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || scalar.properties.generalCategory == .format && scalar.value >= 0x2028:
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
