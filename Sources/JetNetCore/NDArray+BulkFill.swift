#if canImport(Glibc)
import Glibc
#endif

extension NDArray {
    /// Makes an array whose storage `body` fills in one bulk write, as file readers and
    /// decompressors do.
    ///
    /// Large buffers are first offered to the kernel as transparent huge pages: filling a fresh
    /// 100 MB buffer costs ~25,000 page faults and TLB misses with 4 KiB pages, far fewer with
    /// 2 MiB pages (NumPy advises its large allocations the same way).
    ///
    /// - Parameters:
    ///   - shape: the array's shape.
    ///   - body: must initialise all `shape.reduce(1, *) * MemoryLayout<Element>.stride`
    ///     bytes of the buffer it is given.
    public init(shape: [Int], bulkFilling body: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        try self.init(shape: shape, unsafeUninitializedCapacity: { buffer in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            adviseHugePages(raw)
            try body(raw)
        })
    }
}

/// Asks the kernel to back the page-aligned interior of a large, untouched buffer with huge
/// pages; a no-op for small buffers and where `MADV_HUGEPAGE` does not exist.
private func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
    let hugePage = 2 << 20
    guard buffer.count >= 2 * hugePage, let base = buffer.baseAddress else { return }
    let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
    let end = (Int(bitPattern: base) + buffer.count) & ~(hugePage - 1)
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(pointer, end - start, MADV_HUGEPAGE)
    #endif
}
