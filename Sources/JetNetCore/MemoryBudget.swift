import Foundation

/// The check made before a large allocation: the estimated bytes must fit in the machine's
/// physical memory, so a huge size argument ends in a typed error instead of an allocation
/// abort or an overflowed size.
public enum MemoryBudget {
    /// The machine's physical memory in bytes.
    public static var physicalMemory: Int { Int(clamping: ProcessInfo.processInfo.physicalMemory) }

    /// The product of `factors`, or nil when it overflows `Int` (or a factor is negative).
    ///
    /// - Parameter factors: counts and the bytes per element.
    /// - Returns: the byte count, nil when it cannot be represented.
    public static func bytes(_ factors: Int...) -> Int? {
        bytes(factors)
    }

    /// The product of `factors`, or nil when it overflows `Int` (or a factor is negative).
    ///
    /// - Parameter factors: counts (a shape) and the bytes per element.
    /// - Returns: the byte count, nil when it cannot be represented.
    public static func bytes(_ factors: [Int]) -> Int? {
        var total = 1
        for factor in factors {
            guard factor >= 0 else { return nil }
            let (product, overflow) = total.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            total = product
        }
        return total
    }

    /// The sum of byte counts, nil when one is nil or the sum overflows.
    public static func sum(_ parts: Int?...) -> Int? {
        var total = 0
        for part in parts {
            guard let part else { return nil }
            let (next, overflow) = total.addingReportingOverflow(part)
            if overflow { return nil }
            total = next
        }
        return total
    }

    /// Throws when `bytes` (nil: beyond `Int`) exceeds the physical memory.
    ///
    /// - Parameters:
    ///   - bytes: the estimated allocation.
    ///   - what: the arguments that set it, for the message (`"--w1-samples 1000000000"`).
    /// - Throws: ``MemoryBudgetError``.
    public static func require(_ bytes: Int?, for what: String) throws(MemoryBudgetError) {
        let available = physicalMemory
        guard let bytes, bytes <= available else {
            throw MemoryBudgetError(what: what, bytes: bytes, available: available)
        }
    }
}

/// An allocation that would not fit in memory.
public struct MemoryBudgetError: Error, LocalizedError, Equatable, Sendable {
    /// The arguments that set the size.
    public let what: String
    /// The estimated bytes (nil: more than `Int.max`).
    public let bytes: Int?
    /// The machine's physical memory.
    public let available: Int

    public var errorDescription: String? {
        let needed = bytes.map { "about " + Self.format($0) } ?? "more than 9 EB"
        return "\(what) needs \(needed) of memory but this machine has \(Self.format(available)); use smaller values."
    }

    static func format(_ bytes: Int) -> String {
        let gib = Double(bytes) / Double(1 << 30)
        return gib >= 1 ? String(format: "%.1f GiB", gib) : String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
    }
}
