import Foundation

/// Arrays handed from one group of draws to the next, whose storage the next group reuses.
///
/// Freeing a group's large buffers and allocating the next group's would grow the heap: once
/// glibc's mmap threshold has risen to their size, new ones come from arenas that keep their
/// pages. Each array is taken once, so that the taker holds its only reference and can refill
/// it in place.
final class RecycledStorage<Element: Sendable>: @unchecked Sendable {
    private var arrays: [[Element]]
    private let lock = NSLock()

    /// - Parameter arrays: the arrays to hand over (their holders should release them).
    init(_ arrays: [[Element]]) { self.arrays = arrays }

    /// Takes array `index` (empty if there is none), leaving no reference behind.
    func take(_ index: Int) -> [Element] {
        lock.withLock {
            guard index < arrays.count else { return [] }
            defer { arrays[index] = [] }
            return arrays[index]
        }
    }
}

extension Array where Element: Numeric {
    /// `count` zeros in `storage`'s allocation (a new one if it is too small or shared).
    static func zeros(_ count: Int, reusing storage: consuming [Element]) -> [Element] {
        var zeros = storage
        zeros.removeAll(keepingCapacity: true)
        zeros.append(contentsOf: repeatElement(0, count: count))
        return zeros
    }
}
