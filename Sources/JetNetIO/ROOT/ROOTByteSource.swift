#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a ROOT file's bytes come from: an open file read with `pread` (so only the
/// structures and baskets asked for are read, and threads can read at once) or a byte array.
final class ROOTByteSource: Sendable {
    private enum Storage: Sendable {
        case descriptor(Int32)
        case memory([UInt8])
    }

    private let storage: Storage
    /// The total size in bytes.
    let size: Int
    /// The file path (or `"<memory>"`), for error messages.
    let path: String

    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            if errno == ENOENT { throw ROOTError.fileNotFound(path: path) }
            throw ROOTError.cannotRead(path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ROOTError.cannotRead(path: path, reason: "not a regular file")
        }
        storage = .descriptor(fd)
        size = Int(info.st_size)
        self.path = path
    }

    init(bytes: [UInt8]) {
        storage = .memory(bytes)
        size = bytes.count
        path = "<memory>"
    }

    deinit {
        if case let .descriptor(fd) = storage { close(fd) }
    }

    /// Reads `count` bytes at `offset`.
    ///
    /// - Throws: ``ROOTError/truncated(what:offset:needed:available:)`` when the range is not
    ///   inside the file.
    func read(at offset: Int, count: Int, what: @autoclosure () -> String) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw ROOTError.truncated(what: what(), offset: offset, needed: count, available: max(0, size - max(offset, 0)))
        }
        switch storage {
        case let .memory(bytes):
            return Array(bytes[offset ..< offset + count])
        case let .descriptor(fd):
            return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                var done = 0
                while done < count {
                    let got = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                    if got < 0 && errno == EINTR { continue }
                    guard got > 0 else {
                        initialized = 0
                        throw ROOTError.cannotRead(path: path, reason: got < 0 ? String(cString: strerror(errno)) : "file shrank while reading")
                    }
                    done += got
                }
                initialized = count
            }
        }
    }
}
